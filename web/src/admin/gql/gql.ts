/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query AccountProfile {\n    me {\n      id\n      displayName\n      email\n      emailVerified\n      createdAt\n      lastSignInAt\n      role {\n        id\n        name\n        description\n      }\n    }\n  }\n": typeof types.AccountProfileDocument,
    "\n  mutation UpdateDisplayName($input: UpdateUserInput!) {\n    updateUser(input: $input) {\n      user {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.UpdateDisplayNameDocument,
    "\n  mutation RequestEmailVerification {\n    requestEmailVerification {\n      expiresAt\n    }\n  }\n": typeof types.RequestEmailVerificationDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      revokedSessions\n    }\n  }\n": typeof types.ChangePasswordDocument,
    "\n  query AccountTwoFactor {\n    me {\n      id\n      twoFactorEnabled\n    }\n  }\n": typeof types.AccountTwoFactorDocument,
    "\n  mutation SetupTwoFactor {\n    setupTwoFactor {\n      secret\n      otpauthUrl\n      qrCode\n    }\n  }\n": typeof types.SetupTwoFactorDocument,
    "\n  mutation ConfirmTwoFactor($input: TwoFactorCodeInput!) {\n    confirmTwoFactor(input: $input) {\n      backupCodes\n    }\n  }\n": typeof types.ConfirmTwoFactorDocument,
    "\n  mutation RegenerateBackupCodes($input: TwoFactorCodeInput!) {\n    regenerateBackupCodes(input: $input) {\n      backupCodes\n    }\n  }\n": typeof types.RegenerateBackupCodesDocument,
    "\n  mutation DisableTwoFactor($input: TwoFactorCodeInput!) {\n    disableTwoFactor(input: $input) {\n      ok\n    }\n  }\n": typeof types.DisableTwoFactorDocument,
    "\n  query MySessions {\n    mySessions {\n      id\n      current\n      createdAt\n      lastSeenAt\n      expiresAt\n      ip\n      userAgent\n    }\n  }\n": typeof types.MySessionsDocument,
    "\n  mutation RevokeSession($input: RevokeSessionInput!) {\n    revokeSession(input: $input) {\n      id\n    }\n  }\n": typeof types.RevokeSessionDocument,
    "\n  mutation SignOutEverywhere {\n    signOutEverywhere {\n      revokedSessions\n    }\n  }\n": typeof types.SignOutEverywhereDocument,
    "\n  query NotificationPreferences {\n    notificationPreferences {\n      digest\n      updatedAt\n      kinds {\n        kind\n        inApp\n        email\n        locked\n      }\n    }\n  }\n": typeof types.NotificationPreferencesDocument,
    "\n  mutation UpdateNotificationPreferences($input: UpdateNotificationPreferencesInput!) {\n    updateNotificationPreferences(input: $input) {\n      preferences {\n        digest\n        updatedAt\n        kinds {\n          kind\n          inApp\n          email\n          locked\n        }\n      }\n    }\n  }\n": typeof types.UpdateNotificationPreferencesDocument,
    "\n  query ApiKeys {\n    apiKeys {\n      id\n      name\n      prefix\n      scopes\n      createdAt\n      lastUsedAt\n      expiresAt\n      revokedAt\n      owner {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n        name\n        prefix\n      }\n    }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) {\n      id\n    }\n  }\n": typeof types.RevokeApiKeyDocument,
    "\n  query SignInPage {\n    setupRequired\n    signUpOpen\n  }\n": typeof types.SignInPageDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      twoFactorRequired\n      challenge\n      expiresAt\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation VerifyTwoFactor($input: VerifyTwoFactorInput!) {\n    verifyTwoFactor(input: $input) {\n      expiresAt\n    }\n  }\n": typeof types.VerifyTwoFactorDocument,
    "\n  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {\n    requestPasswordReset(input: $input) {\n      ok\n    }\n  }\n": typeof types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input) {\n      revokedSessions\n    }\n  }\n": typeof types.ResetPasswordDocument,
    "\n  mutation VerifyEmail($input: VerifyEmailInput!) {\n    verifyEmail(input: $input) {\n      ok\n    }\n  }\n": typeof types.VerifyEmailDocument,
    "\n  mutation CompleteSetup($input: CompleteSetupInput!) {\n    completeSetup(input: $input) {\n      expiresAt\n    }\n  }\n": typeof types.CompleteSetupDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      ok\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  mutation CompleteSignUp($input: CompleteSignUpInput!) {\n    completeSignUp(input: $input) {\n      expiresAt\n    }\n  }\n": typeof types.CompleteSignUpDocument,
    "\n  mutation RefreshSession {\n    refreshSession(input: {}) {\n      expiresAt\n    }\n  }\n": typeof types.RefreshSessionDocument,
    "\n  fragment ContentListRow on Content {\n    id\n    title\n    status\n    isLive\n    version\n    workingVersion\n    createdAt\n    updatedAt\n    publishedAt\n    publishAt\n    unpublishAt\n    deletedAt\n    type {\n      id\n      apiId\n      name\n    }\n    author {\n      id\n      displayName\n    }\n    category {\n      id\n      name\n    }\n    tags {\n      id\n      name\n    }\n    availableActions {\n      action\n      toStatus\n      commentRequired\n      goesLive\n      takesDown\n    }\n  }\n": typeof types.ContentListRowFragmentDoc,
    "\n  query ContentList(\n    $first: Int\n    $last: Int\n    $after: String\n    $before: String\n    $filter: ContentFilterInput\n    $orderBy: ContentOrderBy\n  ) {\n    contents(\n      first: $first\n      last: $last\n      after: $after\n      before: $before\n      filter: $filter\n      orderBy: $orderBy\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        ...ContentListRow\n      }\n    }\n  }\n": typeof types.ContentListDocument,
    "\n  query ContentListFacets {\n    categories {\n      id\n      name\n      parentId\n    }\n    tags {\n      id\n      name\n    }\n    contentTypes {\n      id\n      apiId\n      name\n    }\n  }\n": typeof types.ContentListFacetsDocument,
    "\n  query ContentListAuthors {\n    users(first: 100) {\n      nodes {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.ContentListAuthorsDocument,
    "\n  subscription ContentListEvents($filter: ContentEventFilter) {\n    contentEvents(filter: $filter) {\n      id\n      kind\n      contentId\n      status\n      content {\n        ...ContentListRow\n      }\n    }\n  }\n": typeof types.ContentListEventsDocument,
    "\n  mutation ContentListTransition($input: TransitionContentInput!) {\n    transitionContent(input: $input) {\n      content {\n        ...ContentListRow\n      }\n    }\n  }\n": typeof types.ContentListTransitionDocument,
    "\n  mutation ContentListTrash($input: DeleteByIdInput!) {\n    deleteContent(input: $input) {\n      content {\n        ...ContentListRow\n      }\n    }\n  }\n": typeof types.ContentListTrashDocument,
    "\n  subscription DashboardStats {\n    dashboardStats {\n      byStatus {\n        status\n        count\n      }\n      inReview\n      live\n      nextPublishAt\n      publishedToday\n    }\n  }\n": typeof types.DashboardStatsDocument,
    "\n  query DashboardItems($filter: ContentFilterInput, $first: Int!, $orderBy: ContentOrderBy) {\n    contents(filter: $filter, first: $first, orderBy: $orderBy) {\n      nodes {\n        id\n        title\n        status\n        isLive\n        updatedAt\n        publishAt\n        unpublishAt\n        type {\n          id\n          apiId\n          name\n        }\n        author {\n          id\n          displayName\n        }\n      }\n    }\n  }\n": typeof types.DashboardItemsDocument,
    "\n  subscription DashboardContentEvents {\n    contentEvents {\n      id\n      kind\n      status\n      occurredAt\n      actorId\n      contentId\n      content {\n        id\n        title\n        status\n        type {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.DashboardContentEventsDocument,
    "\n  query ActivityActor($contentId: UUID!) {\n    contentVersions(contentId: $contentId, first: 1) {\n      nodes {\n        version\n        actor {\n          id\n          displayName\n        }\n      }\n    }\n  }\n": typeof types.ActivityActorDocument,
    "\n  fragment EditorFieldDefinition on FieldDefinition {\n    __typename\n    apiId\n    name\n    kind\n    required\n    min\n    max\n    pattern\n    options\n    referenceType\n    mediaTypes\n    multiple\n    default\n    unique\n  }\n": typeof types.EditorFieldDefinitionFragmentDoc,
    "\n  fragment EditorType on ContentType {\n    __typename\n    id\n    apiId\n    name\n    workflow\n    fields {\n      __typename\n      ...EditorFieldDefinition\n    }\n  }\n": typeof types.EditorTypeFragmentDoc,
    "\n  fragment EditorContent on Content {\n    __typename\n    id\n    title\n    slug\n    excerpt\n    body\n    bodyFormat\n    fields\n    locale\n    seoTitle\n    seoDescription\n    canonicalUrl\n    noIndex\n    status\n    isLive\n    version\n    workingVersion\n    liveVersion\n    publishAt\n    unpublishAt\n    updatedAt\n    category {\n      __typename\n      id\n      name\n    }\n    tags {\n      __typename\n      id\n      name\n    }\n    references {\n      __typename\n      id\n      field\n      content {\n        __typename\n        id\n        title\n      }\n    }\n    availableActions {\n      __typename\n      action\n      toStatus\n      commentRequired\n      goesLive\n      takesDown\n    }\n    type {\n      __typename\n      ...EditorType\n    }\n  }\n": typeof types.EditorContentFragmentDoc,
    "\n  query EditorItem($id: UUID!) {\n    content(id: $id) {\n      __typename\n      ...EditorContent\n    }\n  }\n": typeof types.EditorItemDocument,
    "\n  subscription EditorItemEvents($ids: [UUID!]!) {\n    contentEvents(filter: { ids: $ids }) {\n      id\n      kind\n      content {\n        ...EditorContent\n      }\n    }\n  }\n": typeof types.EditorItemEventsDocument,
    "\n  query EditorType($apiId: String!) {\n    contentType(apiId: $apiId) {\n      __typename\n      ...EditorType\n    }\n  }\n": typeof types.EditorTypeDocument,
    "\n  query EditorTaxonomy {\n    categories {\n      __typename\n      id\n      name\n      parentId\n    }\n    tags {\n      __typename\n      id\n      name\n    }\n  }\n": typeof types.EditorTaxonomyDocument,
    "\n  mutation EditorCreateTag($input: TagInput!) {\n    createTag(input: $input) {\n      tag {\n        id\n        name\n      }\n    }\n  }\n": typeof types.EditorCreateTagDocument,
    "\n  query EditorLiveSlug($contentId: UUID!, $version: Int!) {\n    contentVersion(contentId: $contentId, version: $version) {\n      __typename\n      slug\n    }\n  }\n": typeof types.EditorLiveSlugDocument,
    "\n  query EditorReferenceSearch($types: [String!], $text: String) {\n    contents(first: 20, filter: { types: $types, text: $text }) {\n      __typename\n      nodes {\n        __typename\n        id\n        title\n        status\n      }\n    }\n  }\n": typeof types.EditorReferenceSearchDocument,
    "\n  query EditorReferenceTitle($id: UUID!) {\n    content(id: $id) {\n      __typename\n      id\n      title\n    }\n  }\n": typeof types.EditorReferenceTitleDocument,
    "\n  mutation EditorCreateContent($input: CreateContentInput!) {\n    createContent(input: $input) {\n      __typename\n      content {\n        __typename\n        ...EditorContent\n      }\n    }\n  }\n": typeof types.EditorCreateContentDocument,
    "\n  mutation EditorUpdateContent($input: UpdateContentInput!) {\n    updateContent(input: $input) {\n      __typename\n      content {\n        __typename\n        ...EditorContent\n      }\n    }\n  }\n": typeof types.EditorUpdateContentDocument,
    "\n  query EditorContentDiff($contentId: UUID!, $from: Int!, $to: Int!) {\n    contentDiff(contentId: $contentId, from: $from, to: $to) {\n      __typename\n      from\n      to\n      changes {\n        __typename\n        path\n        before\n        after\n        words {\n          __typename\n          op\n          value\n        }\n      }\n    }\n  }\n": typeof types.EditorContentDiffDocument,
    "\n  mutation EditorTransition($input: TransitionContentInput!) {\n    transitionContent(input: $input) {\n      __typename\n      content {\n        __typename\n        ...EditorContent\n      }\n    }\n  }\n": typeof types.EditorTransitionDocument,
    "\n  mutation EditorSchedule($input: ScheduleContentInput!) {\n    scheduleContent(input: $input) {\n      __typename\n      content {\n        __typename\n        ...EditorContent\n      }\n    }\n  }\n": typeof types.EditorScheduleDocument,
    "\n  query HistoryItem($id: UUID!) {\n    content(id: $id) {\n      id\n      title\n      status\n      version\n      workingVersion\n      versionCount\n      type {\n        id\n        name\n      }\n    }\n  }\n": typeof types.HistoryItemDocument,
    "\n  query HistoryVersions($contentId: UUID!, $first: Int!, $after: String) {\n    contentVersions(contentId: $contentId, first: $first, after: $after) {\n      nodes {\n        version\n        event\n        status\n        note\n        createdAt\n        title\n        actor {\n          id\n          displayName\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.HistoryVersionsDocument,
    "\n  query HistoryDiff($contentId: UUID!, $from: Int!, $to: Int!) {\n    contentDiff(contentId: $contentId, from: $from, to: $to) {\n      from\n      to\n      changes {\n        path\n        before\n        after\n        words {\n          op\n          value\n        }\n      }\n    }\n  }\n": typeof types.HistoryDiffDocument,
    "\n  mutation RestoreContentVersion($id: UUID!, $version: Int!) {\n    restoreContentVersion(input: { id: $id, version: $version }) {\n      content {\n        id\n        status\n        version\n        workingVersion\n        versionCount\n        updatedAt\n      }\n    }\n  }\n": typeof types.RestoreContentVersionDocument,
    "\n  fragment MediaSummary on Media {\n    __typename\n    id\n    filename\n    title\n    alt\n    caption\n    mimeType\n    size\n    width\n    height\n    placeholder\n    folderId\n    createdAt\n    updatedAt\n    deletedAt\n    url\n    focalPoint {\n      __typename\n      x\n      y\n    }\n    variants {\n      __typename\n      name\n      url\n      width\n      height\n    }\n    uploadedBy {\n      __typename\n      id\n      displayName\n    }\n  }\n": typeof types.MediaSummaryFragmentDoc,
    "\n  query MediaItems($filter: MediaItemsFilter, $orderBy: MediaOrder, $first: Int, $after: String) {\n    mediaItems(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      __typename\n      nodes {\n        __typename\n        ...MediaSummary\n      }\n      pageInfo {\n        __typename\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.MediaItemsDocument,
    "\n  query MediaPreview($id: UUID!) {\n    media(id: $id) {\n      __typename\n      ...MediaSummary\n    }\n  }\n": typeof types.MediaPreviewDocument,
    "\n  query MediaDetail($id: UUID!) {\n    media(id: $id) {\n      __typename\n      ...MediaSummary\n      usage {\n        __typename\n        live\n        working\n        content {\n          __typename\n          id\n          title\n          status\n          type {\n            __typename\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.MediaDetailDocument,
    "\n  query MediaFolders {\n    mediaFolders {\n      __typename\n      id\n      name\n      parentId\n    }\n  }\n": typeof types.MediaFoldersDocument,
    "\n  mutation UploadMedia($file: Upload!, $input: UploadMediaInput) {\n    uploadMedia(file: $file, input: $input) {\n      __typename\n      ...MediaSummary\n    }\n  }\n": typeof types.UploadMediaDocument,
    "\n  mutation UpdateMedia($input: UpdateMediaInput!) {\n    updateMedia(input: $input) {\n      __typename\n      ...MediaSummary\n    }\n  }\n": typeof types.UpdateMediaDocument,
    "\n  mutation MoveMedia($input: MoveMediaInput!) {\n    moveMedia(input: $input) {\n      __typename\n      id\n      folderId\n    }\n  }\n": typeof types.MoveMediaDocument,
    "\n  mutation DeleteMedia($input: DeleteMediaInput!) {\n    deleteMedia(input: $input) {\n      __typename\n      id\n      deletedAt\n    }\n  }\n": typeof types.DeleteMediaDocument,
    "\n  mutation RestoreMedia($input: MediaIdInput!) {\n    restoreMedia(input: $input) {\n      __typename\n      id\n      deletedAt\n    }\n  }\n": typeof types.RestoreMediaDocument,
    "\n  mutation CreateMediaFolder($input: CreateMediaFolderInput!) {\n    createMediaFolder(input: $input) {\n      __typename\n      id\n      name\n      parentId\n    }\n  }\n": typeof types.CreateMediaFolderDocument,
    "\n  mutation UpdateMediaFolder($input: UpdateMediaFolderInput!) {\n    updateMediaFolder(input: $input) {\n      __typename\n      id\n      name\n      parentId\n    }\n  }\n": typeof types.UpdateMediaFolderDocument,
    "\n  mutation DeleteMediaFolder($input: MediaIdInput!) {\n    deleteMediaFolder(input: $input) {\n      __typename\n      id\n    }\n  }\n": typeof types.DeleteMediaFolderDocument,
    "\n  query UnreadNotificationCount {\n    unreadNotificationCount\n  }\n": typeof types.UnreadNotificationCountDocument,
    "\n  query BellNotifications($first: Int!) {\n    notifications(first: $first) {\n      nodes {\n        id\n        kind\n        title\n        body\n        contentId\n        createdAt\n        read\n      }\n    }\n  }\n": typeof types.BellNotificationsDocument,
    "\n  subscription NotificationReceived {\n    notificationReceived {\n      id\n      kind\n      title\n      body\n      contentId\n      createdAt\n      read\n    }\n  }\n": typeof types.NotificationReceivedDocument,
    "\n  mutation MarkNotificationRead($id: UUID!) {\n    markNotificationRead(input: { id: $id }) {\n      notification {\n        id\n        read\n        readAt\n      }\n    }\n  }\n": typeof types.MarkNotificationReadDocument,
    "\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead {\n      count\n    }\n  }\n": typeof types.MarkAllNotificationsReadDocument,
    "\n  query PaletteSearch($text: String!) {\n    contents(first: 8, filter: { text: $text }, orderBy: { field: UPDATED_AT, direction: DESC }) {\n      nodes {\n        id\n        title\n        status\n        type {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.PaletteSearchDocument,
    "\n  query AuditLog(\n    $filter: AuditLogFilter\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n  ) {\n    auditLog(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        occurredAt\n        action\n        actorKind\n        actor {\n          id\n          displayName\n        }\n        targetType\n        targetId\n        ip\n        userAgent\n        requestId\n        details\n      }\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  query AuditContentTypes {\n    contentTypes {\n      id\n      apiId\n      name\n    }\n  }\n": typeof types.AuditContentTypesDocument,
    "\n  query AuditActorSearch($search: String) {\n    users(filter: { search: $search }, first: 20) {\n      nodes {\n        id\n        displayName\n        email\n      }\n    }\n  }\n": typeof types.AuditActorSearchDocument,
    "\n  query AuditActor($id: UUID!) {\n    user(id: $id) {\n      id\n      displayName\n      email\n    }\n  }\n": typeof types.AuditActorDocument,
    "\n  fragment AuditUserName on User {\n    id\n    displayName\n  }\n": typeof types.AuditUserNameFragmentDoc,
    "\n  fragment TaxonomyCategory on Category {\n    id\n    name\n    slug\n    description\n    parentId\n    itemCount\n  }\n": typeof types.TaxonomyCategoryFragmentDoc,
    "\n  fragment TaxonomyTag on Tag {\n    id\n    name\n    slug\n    usageCount\n  }\n": typeof types.TaxonomyTagFragmentDoc,
    "\n  query TaxonomyCategories {\n    categories {\n      ...TaxonomyCategory\n    }\n  }\n": typeof types.TaxonomyCategoriesDocument,
    "\n  query TaxonomyTags {\n    tags {\n      ...TaxonomyTag\n    }\n  }\n": typeof types.TaxonomyTagsDocument,
    "\n  mutation TaxonomyCreateCategory($input: CreateCategoryInput!) {\n    createCategory(input: $input) {\n      category {\n        ...TaxonomyCategory\n      }\n    }\n  }\n": typeof types.TaxonomyCreateCategoryDocument,
    "\n  mutation TaxonomyUpdateCategory($input: UpdateCategoryInput!) {\n    updateCategory(input: $input) {\n      category {\n        ...TaxonomyCategory\n      }\n    }\n  }\n": typeof types.TaxonomyUpdateCategoryDocument,
    "\n  mutation TaxonomyDeleteCategory($input: DeleteByIdInput!) {\n    deleteCategory(input: $input) {\n      id\n    }\n  }\n": typeof types.TaxonomyDeleteCategoryDocument,
    "\n  mutation TaxonomyCreateTag($input: TagInput!) {\n    createTag(input: $input) {\n      tag {\n        ...TaxonomyTag\n      }\n    }\n  }\n": typeof types.TaxonomyCreateTagDocument,
    "\n  mutation TaxonomyUpdateTag($input: TagInput!) {\n    updateTag(input: $input) {\n      tag {\n        ...TaxonomyTag\n      }\n    }\n  }\n": typeof types.TaxonomyUpdateTagDocument,
    "\n  mutation TaxonomyDeleteTag($input: DeleteByIdInput!) {\n    deleteTag(input: $input) {\n      id\n    }\n  }\n": typeof types.TaxonomyDeleteTagDocument,
    "\n  mutation TaxonomyMergeTags($input: MergeTagsInput!) {\n    mergeTags(input: $input) {\n      itemsChanged\n      tag {\n        ...TaxonomyTag\n      }\n    }\n  }\n": typeof types.TaxonomyMergeTagsDocument,
    "\n  fragment TypesBuilderType on ContentType {\n    id\n    apiId\n    name\n    description\n    builtIn\n    workflow\n    updatedAt\n    fields {\n      ...EditorFieldDefinition\n    }\n  }\n": typeof types.TypesBuilderTypeFragmentDoc,
    "\n  query TypesList {\n    contentTypes {\n      ...TypesBuilderType\n    }\n  }\n": typeof types.TypesListDocument,
    "\n  query TypesBuilder($apiId: String!) {\n    contentType(apiId: $apiId) {\n      ...TypesBuilderType\n    }\n  }\n": typeof types.TypesBuilderDocument,
    "\n  mutation TypesCreate($input: CreateContentTypeInput!) {\n    createContentType(input: $input) {\n      contentType {\n        ...TypesBuilderType\n      }\n    }\n  }\n": typeof types.TypesCreateDocument,
    "\n  mutation TypesUpdate($input: UpdateContentTypeInput!) {\n    updateContentType(input: $input) {\n      contentType {\n        ...TypesBuilderType\n      }\n    }\n  }\n": typeof types.TypesUpdateDocument,
    "\n  query TypesFieldUsage($apiId: String!) {\n    contentType(apiId: $apiId) {\n      id\n      fieldUsage {\n        apiId\n        items\n      }\n    }\n  }\n": typeof types.TypesFieldUsageDocument,
    "\n  fragment UserRow on User {\n    id\n    displayName\n    email\n    emailVerified\n    active\n    createdAt\n    updatedAt\n    lastSignInAt\n    role {\n      id\n      name\n      level\n    }\n  }\n": typeof types.UserRowFragmentDoc,
    "\n  query UserList(\n    $filter: UserFilterInput\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n  ) {\n    users(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        ...UserRow\n      }\n    }\n  }\n": typeof types.UserListDocument,
    "\n  query Roles {\n    roles {\n      id\n      name\n      level\n      description\n      permissions\n    }\n  }\n": typeof types.RolesDocument,
    "\n  query UserDetail($id: UUID!) {\n    user(id: $id) {\n      ...UserRow\n      twoFactorEnabled\n    }\n  }\n": typeof types.UserDetailDocument,
    "\n  mutation UpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) {\n      user {\n        ...UserRow\n      }\n    }\n  }\n": typeof types.UpdateUserDocument,
    "\n  mutation ResetUserTwoFactor($input: ResetUserTwoFactorInput!) {\n    resetUserTwoFactor(input: $input) {\n      ok\n    }\n  }\n": typeof types.ResetUserTwoFactorDocument,
    "\n  mutation InviteUser($input: InviteUserInput!) {\n    inviteUser(input: $input) {\n      user {\n        ...UserRow\n      }\n    }\n  }\n": typeof types.InviteUserDocument,
    "\n  query UserSessions($id: UUID!) {\n    user(id: $id) {\n      id\n      sessions {\n        id\n        createdAt\n        lastSeenAt\n        expiresAt\n        ip\n        userAgent\n        current\n      }\n    }\n  }\n": typeof types.UserSessionsDocument,
    "\n  mutation RevokeUserSession($input: RevokeSessionInput!) {\n    revokeSession(input: $input) {\n      id\n    }\n  }\n": typeof types.RevokeUserSessionDocument,
    "\n  query Me {\n    me {\n      id\n      displayName\n      email\n      emailVerified\n      role {\n        id\n        name\n        level\n        permissions\n      }\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation SignOut {\n    signOut {\n      revokedSessions\n    }\n  }\n": typeof types.SignOutDocument,
    "\n  query ShellContentTypes {\n    contentTypes {\n      id\n      apiId\n      name\n    }\n  }\n": typeof types.ShellContentTypesDocument,
};
const documents: Documents = {
    "\n  query AccountProfile {\n    me {\n      id\n      displayName\n      email\n      emailVerified\n      createdAt\n      lastSignInAt\n      role {\n        id\n        name\n        description\n      }\n    }\n  }\n": types.AccountProfileDocument,
    "\n  mutation UpdateDisplayName($input: UpdateUserInput!) {\n    updateUser(input: $input) {\n      user {\n        id\n        displayName\n      }\n    }\n  }\n": types.UpdateDisplayNameDocument,
    "\n  mutation RequestEmailVerification {\n    requestEmailVerification {\n      expiresAt\n    }\n  }\n": types.RequestEmailVerificationDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      revokedSessions\n    }\n  }\n": types.ChangePasswordDocument,
    "\n  query AccountTwoFactor {\n    me {\n      id\n      twoFactorEnabled\n    }\n  }\n": types.AccountTwoFactorDocument,
    "\n  mutation SetupTwoFactor {\n    setupTwoFactor {\n      secret\n      otpauthUrl\n      qrCode\n    }\n  }\n": types.SetupTwoFactorDocument,
    "\n  mutation ConfirmTwoFactor($input: TwoFactorCodeInput!) {\n    confirmTwoFactor(input: $input) {\n      backupCodes\n    }\n  }\n": types.ConfirmTwoFactorDocument,
    "\n  mutation RegenerateBackupCodes($input: TwoFactorCodeInput!) {\n    regenerateBackupCodes(input: $input) {\n      backupCodes\n    }\n  }\n": types.RegenerateBackupCodesDocument,
    "\n  mutation DisableTwoFactor($input: TwoFactorCodeInput!) {\n    disableTwoFactor(input: $input) {\n      ok\n    }\n  }\n": types.DisableTwoFactorDocument,
    "\n  query MySessions {\n    mySessions {\n      id\n      current\n      createdAt\n      lastSeenAt\n      expiresAt\n      ip\n      userAgent\n    }\n  }\n": types.MySessionsDocument,
    "\n  mutation RevokeSession($input: RevokeSessionInput!) {\n    revokeSession(input: $input) {\n      id\n    }\n  }\n": types.RevokeSessionDocument,
    "\n  mutation SignOutEverywhere {\n    signOutEverywhere {\n      revokedSessions\n    }\n  }\n": types.SignOutEverywhereDocument,
    "\n  query NotificationPreferences {\n    notificationPreferences {\n      digest\n      updatedAt\n      kinds {\n        kind\n        inApp\n        email\n        locked\n      }\n    }\n  }\n": types.NotificationPreferencesDocument,
    "\n  mutation UpdateNotificationPreferences($input: UpdateNotificationPreferencesInput!) {\n    updateNotificationPreferences(input: $input) {\n      preferences {\n        digest\n        updatedAt\n        kinds {\n          kind\n          inApp\n          email\n          locked\n        }\n      }\n    }\n  }\n": types.UpdateNotificationPreferencesDocument,
    "\n  query ApiKeys {\n    apiKeys {\n      id\n      name\n      prefix\n      scopes\n      createdAt\n      lastUsedAt\n      expiresAt\n      revokedAt\n      owner {\n        id\n        displayName\n      }\n    }\n  }\n": types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n        name\n        prefix\n      }\n    }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) {\n      id\n    }\n  }\n": types.RevokeApiKeyDocument,
    "\n  query SignInPage {\n    setupRequired\n    signUpOpen\n  }\n": types.SignInPageDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      twoFactorRequired\n      challenge\n      expiresAt\n    }\n  }\n": types.SignInDocument,
    "\n  mutation VerifyTwoFactor($input: VerifyTwoFactorInput!) {\n    verifyTwoFactor(input: $input) {\n      expiresAt\n    }\n  }\n": types.VerifyTwoFactorDocument,
    "\n  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {\n    requestPasswordReset(input: $input) {\n      ok\n    }\n  }\n": types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input) {\n      revokedSessions\n    }\n  }\n": types.ResetPasswordDocument,
    "\n  mutation VerifyEmail($input: VerifyEmailInput!) {\n    verifyEmail(input: $input) {\n      ok\n    }\n  }\n": types.VerifyEmailDocument,
    "\n  mutation CompleteSetup($input: CompleteSetupInput!) {\n    completeSetup(input: $input) {\n      expiresAt\n    }\n  }\n": types.CompleteSetupDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      ok\n    }\n  }\n": types.SignUpDocument,
    "\n  mutation CompleteSignUp($input: CompleteSignUpInput!) {\n    completeSignUp(input: $input) {\n      expiresAt\n    }\n  }\n": types.CompleteSignUpDocument,
    "\n  mutation RefreshSession {\n    refreshSession(input: {}) {\n      expiresAt\n    }\n  }\n": types.RefreshSessionDocument,
    "\n  fragment ContentListRow on Content {\n    id\n    title\n    status\n    isLive\n    version\n    workingVersion\n    createdAt\n    updatedAt\n    publishedAt\n    publishAt\n    unpublishAt\n    deletedAt\n    type {\n      id\n      apiId\n      name\n    }\n    author {\n      id\n      displayName\n    }\n    category {\n      id\n      name\n    }\n    tags {\n      id\n      name\n    }\n    availableActions {\n      action\n      toStatus\n      commentRequired\n      goesLive\n      takesDown\n    }\n  }\n": types.ContentListRowFragmentDoc,
    "\n  query ContentList(\n    $first: Int\n    $last: Int\n    $after: String\n    $before: String\n    $filter: ContentFilterInput\n    $orderBy: ContentOrderBy\n  ) {\n    contents(\n      first: $first\n      last: $last\n      after: $after\n      before: $before\n      filter: $filter\n      orderBy: $orderBy\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        ...ContentListRow\n      }\n    }\n  }\n": types.ContentListDocument,
    "\n  query ContentListFacets {\n    categories {\n      id\n      name\n      parentId\n    }\n    tags {\n      id\n      name\n    }\n    contentTypes {\n      id\n      apiId\n      name\n    }\n  }\n": types.ContentListFacetsDocument,
    "\n  query ContentListAuthors {\n    users(first: 100) {\n      nodes {\n        id\n        displayName\n      }\n    }\n  }\n": types.ContentListAuthorsDocument,
    "\n  subscription ContentListEvents($filter: ContentEventFilter) {\n    contentEvents(filter: $filter) {\n      id\n      kind\n      contentId\n      status\n      content {\n        ...ContentListRow\n      }\n    }\n  }\n": types.ContentListEventsDocument,
    "\n  mutation ContentListTransition($input: TransitionContentInput!) {\n    transitionContent(input: $input) {\n      content {\n        ...ContentListRow\n      }\n    }\n  }\n": types.ContentListTransitionDocument,
    "\n  mutation ContentListTrash($input: DeleteByIdInput!) {\n    deleteContent(input: $input) {\n      content {\n        ...ContentListRow\n      }\n    }\n  }\n": types.ContentListTrashDocument,
    "\n  subscription DashboardStats {\n    dashboardStats {\n      byStatus {\n        status\n        count\n      }\n      inReview\n      live\n      nextPublishAt\n      publishedToday\n    }\n  }\n": types.DashboardStatsDocument,
    "\n  query DashboardItems($filter: ContentFilterInput, $first: Int!, $orderBy: ContentOrderBy) {\n    contents(filter: $filter, first: $first, orderBy: $orderBy) {\n      nodes {\n        id\n        title\n        status\n        isLive\n        updatedAt\n        publishAt\n        unpublishAt\n        type {\n          id\n          apiId\n          name\n        }\n        author {\n          id\n          displayName\n        }\n      }\n    }\n  }\n": types.DashboardItemsDocument,
    "\n  subscription DashboardContentEvents {\n    contentEvents {\n      id\n      kind\n      status\n      occurredAt\n      actorId\n      contentId\n      content {\n        id\n        title\n        status\n        type {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.DashboardContentEventsDocument,
    "\n  query ActivityActor($contentId: UUID!) {\n    contentVersions(contentId: $contentId, first: 1) {\n      nodes {\n        version\n        actor {\n          id\n          displayName\n        }\n      }\n    }\n  }\n": types.ActivityActorDocument,
    "\n  fragment EditorFieldDefinition on FieldDefinition {\n    __typename\n    apiId\n    name\n    kind\n    required\n    min\n    max\n    pattern\n    options\n    referenceType\n    mediaTypes\n    multiple\n    default\n    unique\n  }\n": types.EditorFieldDefinitionFragmentDoc,
    "\n  fragment EditorType on ContentType {\n    __typename\n    id\n    apiId\n    name\n    workflow\n    fields {\n      __typename\n      ...EditorFieldDefinition\n    }\n  }\n": types.EditorTypeFragmentDoc,
    "\n  fragment EditorContent on Content {\n    __typename\n    id\n    title\n    slug\n    excerpt\n    body\n    bodyFormat\n    fields\n    locale\n    seoTitle\n    seoDescription\n    canonicalUrl\n    noIndex\n    status\n    isLive\n    version\n    workingVersion\n    liveVersion\n    publishAt\n    unpublishAt\n    updatedAt\n    category {\n      __typename\n      id\n      name\n    }\n    tags {\n      __typename\n      id\n      name\n    }\n    references {\n      __typename\n      id\n      field\n      content {\n        __typename\n        id\n        title\n      }\n    }\n    availableActions {\n      __typename\n      action\n      toStatus\n      commentRequired\n      goesLive\n      takesDown\n    }\n    type {\n      __typename\n      ...EditorType\n    }\n  }\n": types.EditorContentFragmentDoc,
    "\n  query EditorItem($id: UUID!) {\n    content(id: $id) {\n      __typename\n      ...EditorContent\n    }\n  }\n": types.EditorItemDocument,
    "\n  subscription EditorItemEvents($ids: [UUID!]!) {\n    contentEvents(filter: { ids: $ids }) {\n      id\n      kind\n      content {\n        ...EditorContent\n      }\n    }\n  }\n": types.EditorItemEventsDocument,
    "\n  query EditorType($apiId: String!) {\n    contentType(apiId: $apiId) {\n      __typename\n      ...EditorType\n    }\n  }\n": types.EditorTypeDocument,
    "\n  query EditorTaxonomy {\n    categories {\n      __typename\n      id\n      name\n      parentId\n    }\n    tags {\n      __typename\n      id\n      name\n    }\n  }\n": types.EditorTaxonomyDocument,
    "\n  mutation EditorCreateTag($input: TagInput!) {\n    createTag(input: $input) {\n      tag {\n        id\n        name\n      }\n    }\n  }\n": types.EditorCreateTagDocument,
    "\n  query EditorLiveSlug($contentId: UUID!, $version: Int!) {\n    contentVersion(contentId: $contentId, version: $version) {\n      __typename\n      slug\n    }\n  }\n": types.EditorLiveSlugDocument,
    "\n  query EditorReferenceSearch($types: [String!], $text: String) {\n    contents(first: 20, filter: { types: $types, text: $text }) {\n      __typename\n      nodes {\n        __typename\n        id\n        title\n        status\n      }\n    }\n  }\n": types.EditorReferenceSearchDocument,
    "\n  query EditorReferenceTitle($id: UUID!) {\n    content(id: $id) {\n      __typename\n      id\n      title\n    }\n  }\n": types.EditorReferenceTitleDocument,
    "\n  mutation EditorCreateContent($input: CreateContentInput!) {\n    createContent(input: $input) {\n      __typename\n      content {\n        __typename\n        ...EditorContent\n      }\n    }\n  }\n": types.EditorCreateContentDocument,
    "\n  mutation EditorUpdateContent($input: UpdateContentInput!) {\n    updateContent(input: $input) {\n      __typename\n      content {\n        __typename\n        ...EditorContent\n      }\n    }\n  }\n": types.EditorUpdateContentDocument,
    "\n  query EditorContentDiff($contentId: UUID!, $from: Int!, $to: Int!) {\n    contentDiff(contentId: $contentId, from: $from, to: $to) {\n      __typename\n      from\n      to\n      changes {\n        __typename\n        path\n        before\n        after\n        words {\n          __typename\n          op\n          value\n        }\n      }\n    }\n  }\n": types.EditorContentDiffDocument,
    "\n  mutation EditorTransition($input: TransitionContentInput!) {\n    transitionContent(input: $input) {\n      __typename\n      content {\n        __typename\n        ...EditorContent\n      }\n    }\n  }\n": types.EditorTransitionDocument,
    "\n  mutation EditorSchedule($input: ScheduleContentInput!) {\n    scheduleContent(input: $input) {\n      __typename\n      content {\n        __typename\n        ...EditorContent\n      }\n    }\n  }\n": types.EditorScheduleDocument,
    "\n  query HistoryItem($id: UUID!) {\n    content(id: $id) {\n      id\n      title\n      status\n      version\n      workingVersion\n      versionCount\n      type {\n        id\n        name\n      }\n    }\n  }\n": types.HistoryItemDocument,
    "\n  query HistoryVersions($contentId: UUID!, $first: Int!, $after: String) {\n    contentVersions(contentId: $contentId, first: $first, after: $after) {\n      nodes {\n        version\n        event\n        status\n        note\n        createdAt\n        title\n        actor {\n          id\n          displayName\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.HistoryVersionsDocument,
    "\n  query HistoryDiff($contentId: UUID!, $from: Int!, $to: Int!) {\n    contentDiff(contentId: $contentId, from: $from, to: $to) {\n      from\n      to\n      changes {\n        path\n        before\n        after\n        words {\n          op\n          value\n        }\n      }\n    }\n  }\n": types.HistoryDiffDocument,
    "\n  mutation RestoreContentVersion($id: UUID!, $version: Int!) {\n    restoreContentVersion(input: { id: $id, version: $version }) {\n      content {\n        id\n        status\n        version\n        workingVersion\n        versionCount\n        updatedAt\n      }\n    }\n  }\n": types.RestoreContentVersionDocument,
    "\n  fragment MediaSummary on Media {\n    __typename\n    id\n    filename\n    title\n    alt\n    caption\n    mimeType\n    size\n    width\n    height\n    placeholder\n    folderId\n    createdAt\n    updatedAt\n    deletedAt\n    url\n    focalPoint {\n      __typename\n      x\n      y\n    }\n    variants {\n      __typename\n      name\n      url\n      width\n      height\n    }\n    uploadedBy {\n      __typename\n      id\n      displayName\n    }\n  }\n": types.MediaSummaryFragmentDoc,
    "\n  query MediaItems($filter: MediaItemsFilter, $orderBy: MediaOrder, $first: Int, $after: String) {\n    mediaItems(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      __typename\n      nodes {\n        __typename\n        ...MediaSummary\n      }\n      pageInfo {\n        __typename\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.MediaItemsDocument,
    "\n  query MediaPreview($id: UUID!) {\n    media(id: $id) {\n      __typename\n      ...MediaSummary\n    }\n  }\n": types.MediaPreviewDocument,
    "\n  query MediaDetail($id: UUID!) {\n    media(id: $id) {\n      __typename\n      ...MediaSummary\n      usage {\n        __typename\n        live\n        working\n        content {\n          __typename\n          id\n          title\n          status\n          type {\n            __typename\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.MediaDetailDocument,
    "\n  query MediaFolders {\n    mediaFolders {\n      __typename\n      id\n      name\n      parentId\n    }\n  }\n": types.MediaFoldersDocument,
    "\n  mutation UploadMedia($file: Upload!, $input: UploadMediaInput) {\n    uploadMedia(file: $file, input: $input) {\n      __typename\n      ...MediaSummary\n    }\n  }\n": types.UploadMediaDocument,
    "\n  mutation UpdateMedia($input: UpdateMediaInput!) {\n    updateMedia(input: $input) {\n      __typename\n      ...MediaSummary\n    }\n  }\n": types.UpdateMediaDocument,
    "\n  mutation MoveMedia($input: MoveMediaInput!) {\n    moveMedia(input: $input) {\n      __typename\n      id\n      folderId\n    }\n  }\n": types.MoveMediaDocument,
    "\n  mutation DeleteMedia($input: DeleteMediaInput!) {\n    deleteMedia(input: $input) {\n      __typename\n      id\n      deletedAt\n    }\n  }\n": types.DeleteMediaDocument,
    "\n  mutation RestoreMedia($input: MediaIdInput!) {\n    restoreMedia(input: $input) {\n      __typename\n      id\n      deletedAt\n    }\n  }\n": types.RestoreMediaDocument,
    "\n  mutation CreateMediaFolder($input: CreateMediaFolderInput!) {\n    createMediaFolder(input: $input) {\n      __typename\n      id\n      name\n      parentId\n    }\n  }\n": types.CreateMediaFolderDocument,
    "\n  mutation UpdateMediaFolder($input: UpdateMediaFolderInput!) {\n    updateMediaFolder(input: $input) {\n      __typename\n      id\n      name\n      parentId\n    }\n  }\n": types.UpdateMediaFolderDocument,
    "\n  mutation DeleteMediaFolder($input: MediaIdInput!) {\n    deleteMediaFolder(input: $input) {\n      __typename\n      id\n    }\n  }\n": types.DeleteMediaFolderDocument,
    "\n  query UnreadNotificationCount {\n    unreadNotificationCount\n  }\n": types.UnreadNotificationCountDocument,
    "\n  query BellNotifications($first: Int!) {\n    notifications(first: $first) {\n      nodes {\n        id\n        kind\n        title\n        body\n        contentId\n        createdAt\n        read\n      }\n    }\n  }\n": types.BellNotificationsDocument,
    "\n  subscription NotificationReceived {\n    notificationReceived {\n      id\n      kind\n      title\n      body\n      contentId\n      createdAt\n      read\n    }\n  }\n": types.NotificationReceivedDocument,
    "\n  mutation MarkNotificationRead($id: UUID!) {\n    markNotificationRead(input: { id: $id }) {\n      notification {\n        id\n        read\n        readAt\n      }\n    }\n  }\n": types.MarkNotificationReadDocument,
    "\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead {\n      count\n    }\n  }\n": types.MarkAllNotificationsReadDocument,
    "\n  query PaletteSearch($text: String!) {\n    contents(first: 8, filter: { text: $text }, orderBy: { field: UPDATED_AT, direction: DESC }) {\n      nodes {\n        id\n        title\n        status\n        type {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.PaletteSearchDocument,
    "\n  query AuditLog(\n    $filter: AuditLogFilter\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n  ) {\n    auditLog(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        occurredAt\n        action\n        actorKind\n        actor {\n          id\n          displayName\n        }\n        targetType\n        targetId\n        ip\n        userAgent\n        requestId\n        details\n      }\n    }\n  }\n": types.AuditLogDocument,
    "\n  query AuditContentTypes {\n    contentTypes {\n      id\n      apiId\n      name\n    }\n  }\n": types.AuditContentTypesDocument,
    "\n  query AuditActorSearch($search: String) {\n    users(filter: { search: $search }, first: 20) {\n      nodes {\n        id\n        displayName\n        email\n      }\n    }\n  }\n": types.AuditActorSearchDocument,
    "\n  query AuditActor($id: UUID!) {\n    user(id: $id) {\n      id\n      displayName\n      email\n    }\n  }\n": types.AuditActorDocument,
    "\n  fragment AuditUserName on User {\n    id\n    displayName\n  }\n": types.AuditUserNameFragmentDoc,
    "\n  fragment TaxonomyCategory on Category {\n    id\n    name\n    slug\n    description\n    parentId\n    itemCount\n  }\n": types.TaxonomyCategoryFragmentDoc,
    "\n  fragment TaxonomyTag on Tag {\n    id\n    name\n    slug\n    usageCount\n  }\n": types.TaxonomyTagFragmentDoc,
    "\n  query TaxonomyCategories {\n    categories {\n      ...TaxonomyCategory\n    }\n  }\n": types.TaxonomyCategoriesDocument,
    "\n  query TaxonomyTags {\n    tags {\n      ...TaxonomyTag\n    }\n  }\n": types.TaxonomyTagsDocument,
    "\n  mutation TaxonomyCreateCategory($input: CreateCategoryInput!) {\n    createCategory(input: $input) {\n      category {\n        ...TaxonomyCategory\n      }\n    }\n  }\n": types.TaxonomyCreateCategoryDocument,
    "\n  mutation TaxonomyUpdateCategory($input: UpdateCategoryInput!) {\n    updateCategory(input: $input) {\n      category {\n        ...TaxonomyCategory\n      }\n    }\n  }\n": types.TaxonomyUpdateCategoryDocument,
    "\n  mutation TaxonomyDeleteCategory($input: DeleteByIdInput!) {\n    deleteCategory(input: $input) {\n      id\n    }\n  }\n": types.TaxonomyDeleteCategoryDocument,
    "\n  mutation TaxonomyCreateTag($input: TagInput!) {\n    createTag(input: $input) {\n      tag {\n        ...TaxonomyTag\n      }\n    }\n  }\n": types.TaxonomyCreateTagDocument,
    "\n  mutation TaxonomyUpdateTag($input: TagInput!) {\n    updateTag(input: $input) {\n      tag {\n        ...TaxonomyTag\n      }\n    }\n  }\n": types.TaxonomyUpdateTagDocument,
    "\n  mutation TaxonomyDeleteTag($input: DeleteByIdInput!) {\n    deleteTag(input: $input) {\n      id\n    }\n  }\n": types.TaxonomyDeleteTagDocument,
    "\n  mutation TaxonomyMergeTags($input: MergeTagsInput!) {\n    mergeTags(input: $input) {\n      itemsChanged\n      tag {\n        ...TaxonomyTag\n      }\n    }\n  }\n": types.TaxonomyMergeTagsDocument,
    "\n  fragment TypesBuilderType on ContentType {\n    id\n    apiId\n    name\n    description\n    builtIn\n    workflow\n    updatedAt\n    fields {\n      ...EditorFieldDefinition\n    }\n  }\n": types.TypesBuilderTypeFragmentDoc,
    "\n  query TypesList {\n    contentTypes {\n      ...TypesBuilderType\n    }\n  }\n": types.TypesListDocument,
    "\n  query TypesBuilder($apiId: String!) {\n    contentType(apiId: $apiId) {\n      ...TypesBuilderType\n    }\n  }\n": types.TypesBuilderDocument,
    "\n  mutation TypesCreate($input: CreateContentTypeInput!) {\n    createContentType(input: $input) {\n      contentType {\n        ...TypesBuilderType\n      }\n    }\n  }\n": types.TypesCreateDocument,
    "\n  mutation TypesUpdate($input: UpdateContentTypeInput!) {\n    updateContentType(input: $input) {\n      contentType {\n        ...TypesBuilderType\n      }\n    }\n  }\n": types.TypesUpdateDocument,
    "\n  query TypesFieldUsage($apiId: String!) {\n    contentType(apiId: $apiId) {\n      id\n      fieldUsage {\n        apiId\n        items\n      }\n    }\n  }\n": types.TypesFieldUsageDocument,
    "\n  fragment UserRow on User {\n    id\n    displayName\n    email\n    emailVerified\n    active\n    createdAt\n    updatedAt\n    lastSignInAt\n    role {\n      id\n      name\n      level\n    }\n  }\n": types.UserRowFragmentDoc,
    "\n  query UserList(\n    $filter: UserFilterInput\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n  ) {\n    users(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        ...UserRow\n      }\n    }\n  }\n": types.UserListDocument,
    "\n  query Roles {\n    roles {\n      id\n      name\n      level\n      description\n      permissions\n    }\n  }\n": types.RolesDocument,
    "\n  query UserDetail($id: UUID!) {\n    user(id: $id) {\n      ...UserRow\n      twoFactorEnabled\n    }\n  }\n": types.UserDetailDocument,
    "\n  mutation UpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) {\n      user {\n        ...UserRow\n      }\n    }\n  }\n": types.UpdateUserDocument,
    "\n  mutation ResetUserTwoFactor($input: ResetUserTwoFactorInput!) {\n    resetUserTwoFactor(input: $input) {\n      ok\n    }\n  }\n": types.ResetUserTwoFactorDocument,
    "\n  mutation InviteUser($input: InviteUserInput!) {\n    inviteUser(input: $input) {\n      user {\n        ...UserRow\n      }\n    }\n  }\n": types.InviteUserDocument,
    "\n  query UserSessions($id: UUID!) {\n    user(id: $id) {\n      id\n      sessions {\n        id\n        createdAt\n        lastSeenAt\n        expiresAt\n        ip\n        userAgent\n        current\n      }\n    }\n  }\n": types.UserSessionsDocument,
    "\n  mutation RevokeUserSession($input: RevokeSessionInput!) {\n    revokeSession(input: $input) {\n      id\n    }\n  }\n": types.RevokeUserSessionDocument,
    "\n  query Me {\n    me {\n      id\n      displayName\n      email\n      emailVerified\n      role {\n        id\n        name\n        level\n        permissions\n      }\n    }\n  }\n": types.MeDocument,
    "\n  mutation SignOut {\n    signOut {\n      revokedSessions\n    }\n  }\n": types.SignOutDocument,
    "\n  query ShellContentTypes {\n    contentTypes {\n      id\n      apiId\n      name\n    }\n  }\n": types.ShellContentTypesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountProfile {\n    me {\n      id\n      displayName\n      email\n      emailVerified\n      createdAt\n      lastSignInAt\n      role {\n        id\n        name\n        description\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountProfile {\n    me {\n      id\n      displayName\n      email\n      emailVerified\n      createdAt\n      lastSignInAt\n      role {\n        id\n        name\n        description\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateDisplayName($input: UpdateUserInput!) {\n    updateUser(input: $input) {\n      user {\n        id\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateDisplayName($input: UpdateUserInput!) {\n    updateUser(input: $input) {\n      user {\n        id\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestEmailVerification {\n    requestEmailVerification {\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation RequestEmailVerification {\n    requestEmailVerification {\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      revokedSessions\n    }\n  }\n"): (typeof documents)["\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      revokedSessions\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountTwoFactor {\n    me {\n      id\n      twoFactorEnabled\n    }\n  }\n"): (typeof documents)["\n  query AccountTwoFactor {\n    me {\n      id\n      twoFactorEnabled\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetupTwoFactor {\n    setupTwoFactor {\n      secret\n      otpauthUrl\n      qrCode\n    }\n  }\n"): (typeof documents)["\n  mutation SetupTwoFactor {\n    setupTwoFactor {\n      secret\n      otpauthUrl\n      qrCode\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmTwoFactor($input: TwoFactorCodeInput!) {\n    confirmTwoFactor(input: $input) {\n      backupCodes\n    }\n  }\n"): (typeof documents)["\n  mutation ConfirmTwoFactor($input: TwoFactorCodeInput!) {\n    confirmTwoFactor(input: $input) {\n      backupCodes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegenerateBackupCodes($input: TwoFactorCodeInput!) {\n    regenerateBackupCodes(input: $input) {\n      backupCodes\n    }\n  }\n"): (typeof documents)["\n  mutation RegenerateBackupCodes($input: TwoFactorCodeInput!) {\n    regenerateBackupCodes(input: $input) {\n      backupCodes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisableTwoFactor($input: TwoFactorCodeInput!) {\n    disableTwoFactor(input: $input) {\n      ok\n    }\n  }\n"): (typeof documents)["\n  mutation DisableTwoFactor($input: TwoFactorCodeInput!) {\n    disableTwoFactor(input: $input) {\n      ok\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MySessions {\n    mySessions {\n      id\n      current\n      createdAt\n      lastSeenAt\n      expiresAt\n      ip\n      userAgent\n    }\n  }\n"): (typeof documents)["\n  query MySessions {\n    mySessions {\n      id\n      current\n      createdAt\n      lastSeenAt\n      expiresAt\n      ip\n      userAgent\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeSession($input: RevokeSessionInput!) {\n    revokeSession(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeSession($input: RevokeSessionInput!) {\n    revokeSession(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOutEverywhere {\n    signOutEverywhere {\n      revokedSessions\n    }\n  }\n"): (typeof documents)["\n  mutation SignOutEverywhere {\n    signOutEverywhere {\n      revokedSessions\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationPreferences {\n    notificationPreferences {\n      digest\n      updatedAt\n      kinds {\n        kind\n        inApp\n        email\n        locked\n      }\n    }\n  }\n"): (typeof documents)["\n  query NotificationPreferences {\n    notificationPreferences {\n      digest\n      updatedAt\n      kinds {\n        kind\n        inApp\n        email\n        locked\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateNotificationPreferences($input: UpdateNotificationPreferencesInput!) {\n    updateNotificationPreferences(input: $input) {\n      preferences {\n        digest\n        updatedAt\n        kinds {\n          kind\n          inApp\n          email\n          locked\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateNotificationPreferences($input: UpdateNotificationPreferencesInput!) {\n    updateNotificationPreferences(input: $input) {\n      preferences {\n        digest\n        updatedAt\n        kinds {\n          kind\n          inApp\n          email\n          locked\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeys {\n    apiKeys {\n      id\n      name\n      prefix\n      scopes\n      createdAt\n      lastUsedAt\n      expiresAt\n      revokedAt\n      owner {\n        id\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  query ApiKeys {\n    apiKeys {\n      id\n      name\n      prefix\n      scopes\n      createdAt\n      lastUsedAt\n      expiresAt\n      revokedAt\n      owner {\n        id\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n        name\n        prefix\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n        name\n        prefix\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeApiKey($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SignInPage {\n    setupRequired\n    signUpOpen\n  }\n"): (typeof documents)["\n  query SignInPage {\n    setupRequired\n    signUpOpen\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      twoFactorRequired\n      challenge\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      twoFactorRequired\n      challenge\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyTwoFactor($input: VerifyTwoFactorInput!) {\n    verifyTwoFactor(input: $input) {\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation VerifyTwoFactor($input: VerifyTwoFactorInput!) {\n    verifyTwoFactor(input: $input) {\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {\n    requestPasswordReset(input: $input) {\n      ok\n    }\n  }\n"): (typeof documents)["\n  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {\n    requestPasswordReset(input: $input) {\n      ok\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input) {\n      revokedSessions\n    }\n  }\n"): (typeof documents)["\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input) {\n      revokedSessions\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyEmail($input: VerifyEmailInput!) {\n    verifyEmail(input: $input) {\n      ok\n    }\n  }\n"): (typeof documents)["\n  mutation VerifyEmail($input: VerifyEmailInput!) {\n    verifyEmail(input: $input) {\n      ok\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteSetup($input: CompleteSetupInput!) {\n    completeSetup(input: $input) {\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation CompleteSetup($input: CompleteSetupInput!) {\n    completeSetup(input: $input) {\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      ok\n    }\n  }\n"): (typeof documents)["\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      ok\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteSignUp($input: CompleteSignUpInput!) {\n    completeSignUp(input: $input) {\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation CompleteSignUp($input: CompleteSignUpInput!) {\n    completeSignUp(input: $input) {\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshSession {\n    refreshSession(input: {}) {\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation RefreshSession {\n    refreshSession(input: {}) {\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ContentListRow on Content {\n    id\n    title\n    status\n    isLive\n    version\n    workingVersion\n    createdAt\n    updatedAt\n    publishedAt\n    publishAt\n    unpublishAt\n    deletedAt\n    type {\n      id\n      apiId\n      name\n    }\n    author {\n      id\n      displayName\n    }\n    category {\n      id\n      name\n    }\n    tags {\n      id\n      name\n    }\n    availableActions {\n      action\n      toStatus\n      commentRequired\n      goesLive\n      takesDown\n    }\n  }\n"): (typeof documents)["\n  fragment ContentListRow on Content {\n    id\n    title\n    status\n    isLive\n    version\n    workingVersion\n    createdAt\n    updatedAt\n    publishedAt\n    publishAt\n    unpublishAt\n    deletedAt\n    type {\n      id\n      apiId\n      name\n    }\n    author {\n      id\n      displayName\n    }\n    category {\n      id\n      name\n    }\n    tags {\n      id\n      name\n    }\n    availableActions {\n      action\n      toStatus\n      commentRequired\n      goesLive\n      takesDown\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContentList(\n    $first: Int\n    $last: Int\n    $after: String\n    $before: String\n    $filter: ContentFilterInput\n    $orderBy: ContentOrderBy\n  ) {\n    contents(\n      first: $first\n      last: $last\n      after: $after\n      before: $before\n      filter: $filter\n      orderBy: $orderBy\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        ...ContentListRow\n      }\n    }\n  }\n"): (typeof documents)["\n  query ContentList(\n    $first: Int\n    $last: Int\n    $after: String\n    $before: String\n    $filter: ContentFilterInput\n    $orderBy: ContentOrderBy\n  ) {\n    contents(\n      first: $first\n      last: $last\n      after: $after\n      before: $before\n      filter: $filter\n      orderBy: $orderBy\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        ...ContentListRow\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContentListFacets {\n    categories {\n      id\n      name\n      parentId\n    }\n    tags {\n      id\n      name\n    }\n    contentTypes {\n      id\n      apiId\n      name\n    }\n  }\n"): (typeof documents)["\n  query ContentListFacets {\n    categories {\n      id\n      name\n      parentId\n    }\n    tags {\n      id\n      name\n    }\n    contentTypes {\n      id\n      apiId\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContentListAuthors {\n    users(first: 100) {\n      nodes {\n        id\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  query ContentListAuthors {\n    users(first: 100) {\n      nodes {\n        id\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ContentListEvents($filter: ContentEventFilter) {\n    contentEvents(filter: $filter) {\n      id\n      kind\n      contentId\n      status\n      content {\n        ...ContentListRow\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription ContentListEvents($filter: ContentEventFilter) {\n    contentEvents(filter: $filter) {\n      id\n      kind\n      contentId\n      status\n      content {\n        ...ContentListRow\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ContentListTransition($input: TransitionContentInput!) {\n    transitionContent(input: $input) {\n      content {\n        ...ContentListRow\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ContentListTransition($input: TransitionContentInput!) {\n    transitionContent(input: $input) {\n      content {\n        ...ContentListRow\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ContentListTrash($input: DeleteByIdInput!) {\n    deleteContent(input: $input) {\n      content {\n        ...ContentListRow\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ContentListTrash($input: DeleteByIdInput!) {\n    deleteContent(input: $input) {\n      content {\n        ...ContentListRow\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardStats {\n    dashboardStats {\n      byStatus {\n        status\n        count\n      }\n      inReview\n      live\n      nextPublishAt\n      publishedToday\n    }\n  }\n"): (typeof documents)["\n  subscription DashboardStats {\n    dashboardStats {\n      byStatus {\n        status\n        count\n      }\n      inReview\n      live\n      nextPublishAt\n      publishedToday\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardItems($filter: ContentFilterInput, $first: Int!, $orderBy: ContentOrderBy) {\n    contents(filter: $filter, first: $first, orderBy: $orderBy) {\n      nodes {\n        id\n        title\n        status\n        isLive\n        updatedAt\n        publishAt\n        unpublishAt\n        type {\n          id\n          apiId\n          name\n        }\n        author {\n          id\n          displayName\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DashboardItems($filter: ContentFilterInput, $first: Int!, $orderBy: ContentOrderBy) {\n    contents(filter: $filter, first: $first, orderBy: $orderBy) {\n      nodes {\n        id\n        title\n        status\n        isLive\n        updatedAt\n        publishAt\n        unpublishAt\n        type {\n          id\n          apiId\n          name\n        }\n        author {\n          id\n          displayName\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardContentEvents {\n    contentEvents {\n      id\n      kind\n      status\n      occurredAt\n      actorId\n      contentId\n      content {\n        id\n        title\n        status\n        type {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription DashboardContentEvents {\n    contentEvents {\n      id\n      kind\n      status\n      occurredAt\n      actorId\n      contentId\n      content {\n        id\n        title\n        status\n        type {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ActivityActor($contentId: UUID!) {\n    contentVersions(contentId: $contentId, first: 1) {\n      nodes {\n        version\n        actor {\n          id\n          displayName\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ActivityActor($contentId: UUID!) {\n    contentVersions(contentId: $contentId, first: 1) {\n      nodes {\n        version\n        actor {\n          id\n          displayName\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EditorFieldDefinition on FieldDefinition {\n    __typename\n    apiId\n    name\n    kind\n    required\n    min\n    max\n    pattern\n    options\n    referenceType\n    mediaTypes\n    multiple\n    default\n    unique\n  }\n"): (typeof documents)["\n  fragment EditorFieldDefinition on FieldDefinition {\n    __typename\n    apiId\n    name\n    kind\n    required\n    min\n    max\n    pattern\n    options\n    referenceType\n    mediaTypes\n    multiple\n    default\n    unique\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EditorType on ContentType {\n    __typename\n    id\n    apiId\n    name\n    workflow\n    fields {\n      __typename\n      ...EditorFieldDefinition\n    }\n  }\n"): (typeof documents)["\n  fragment EditorType on ContentType {\n    __typename\n    id\n    apiId\n    name\n    workflow\n    fields {\n      __typename\n      ...EditorFieldDefinition\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EditorContent on Content {\n    __typename\n    id\n    title\n    slug\n    excerpt\n    body\n    bodyFormat\n    fields\n    locale\n    seoTitle\n    seoDescription\n    canonicalUrl\n    noIndex\n    status\n    isLive\n    version\n    workingVersion\n    liveVersion\n    publishAt\n    unpublishAt\n    updatedAt\n    category {\n      __typename\n      id\n      name\n    }\n    tags {\n      __typename\n      id\n      name\n    }\n    references {\n      __typename\n      id\n      field\n      content {\n        __typename\n        id\n        title\n      }\n    }\n    availableActions {\n      __typename\n      action\n      toStatus\n      commentRequired\n      goesLive\n      takesDown\n    }\n    type {\n      __typename\n      ...EditorType\n    }\n  }\n"): (typeof documents)["\n  fragment EditorContent on Content {\n    __typename\n    id\n    title\n    slug\n    excerpt\n    body\n    bodyFormat\n    fields\n    locale\n    seoTitle\n    seoDescription\n    canonicalUrl\n    noIndex\n    status\n    isLive\n    version\n    workingVersion\n    liveVersion\n    publishAt\n    unpublishAt\n    updatedAt\n    category {\n      __typename\n      id\n      name\n    }\n    tags {\n      __typename\n      id\n      name\n    }\n    references {\n      __typename\n      id\n      field\n      content {\n        __typename\n        id\n        title\n      }\n    }\n    availableActions {\n      __typename\n      action\n      toStatus\n      commentRequired\n      goesLive\n      takesDown\n    }\n    type {\n      __typename\n      ...EditorType\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EditorItem($id: UUID!) {\n    content(id: $id) {\n      __typename\n      ...EditorContent\n    }\n  }\n"): (typeof documents)["\n  query EditorItem($id: UUID!) {\n    content(id: $id) {\n      __typename\n      ...EditorContent\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription EditorItemEvents($ids: [UUID!]!) {\n    contentEvents(filter: { ids: $ids }) {\n      id\n      kind\n      content {\n        ...EditorContent\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription EditorItemEvents($ids: [UUID!]!) {\n    contentEvents(filter: { ids: $ids }) {\n      id\n      kind\n      content {\n        ...EditorContent\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EditorType($apiId: String!) {\n    contentType(apiId: $apiId) {\n      __typename\n      ...EditorType\n    }\n  }\n"): (typeof documents)["\n  query EditorType($apiId: String!) {\n    contentType(apiId: $apiId) {\n      __typename\n      ...EditorType\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EditorTaxonomy {\n    categories {\n      __typename\n      id\n      name\n      parentId\n    }\n    tags {\n      __typename\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query EditorTaxonomy {\n    categories {\n      __typename\n      id\n      name\n      parentId\n    }\n    tags {\n      __typename\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EditorCreateTag($input: TagInput!) {\n    createTag(input: $input) {\n      tag {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation EditorCreateTag($input: TagInput!) {\n    createTag(input: $input) {\n      tag {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EditorLiveSlug($contentId: UUID!, $version: Int!) {\n    contentVersion(contentId: $contentId, version: $version) {\n      __typename\n      slug\n    }\n  }\n"): (typeof documents)["\n  query EditorLiveSlug($contentId: UUID!, $version: Int!) {\n    contentVersion(contentId: $contentId, version: $version) {\n      __typename\n      slug\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EditorReferenceSearch($types: [String!], $text: String) {\n    contents(first: 20, filter: { types: $types, text: $text }) {\n      __typename\n      nodes {\n        __typename\n        id\n        title\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  query EditorReferenceSearch($types: [String!], $text: String) {\n    contents(first: 20, filter: { types: $types, text: $text }) {\n      __typename\n      nodes {\n        __typename\n        id\n        title\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EditorReferenceTitle($id: UUID!) {\n    content(id: $id) {\n      __typename\n      id\n      title\n    }\n  }\n"): (typeof documents)["\n  query EditorReferenceTitle($id: UUID!) {\n    content(id: $id) {\n      __typename\n      id\n      title\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EditorCreateContent($input: CreateContentInput!) {\n    createContent(input: $input) {\n      __typename\n      content {\n        __typename\n        ...EditorContent\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation EditorCreateContent($input: CreateContentInput!) {\n    createContent(input: $input) {\n      __typename\n      content {\n        __typename\n        ...EditorContent\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EditorUpdateContent($input: UpdateContentInput!) {\n    updateContent(input: $input) {\n      __typename\n      content {\n        __typename\n        ...EditorContent\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation EditorUpdateContent($input: UpdateContentInput!) {\n    updateContent(input: $input) {\n      __typename\n      content {\n        __typename\n        ...EditorContent\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EditorContentDiff($contentId: UUID!, $from: Int!, $to: Int!) {\n    contentDiff(contentId: $contentId, from: $from, to: $to) {\n      __typename\n      from\n      to\n      changes {\n        __typename\n        path\n        before\n        after\n        words {\n          __typename\n          op\n          value\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query EditorContentDiff($contentId: UUID!, $from: Int!, $to: Int!) {\n    contentDiff(contentId: $contentId, from: $from, to: $to) {\n      __typename\n      from\n      to\n      changes {\n        __typename\n        path\n        before\n        after\n        words {\n          __typename\n          op\n          value\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EditorTransition($input: TransitionContentInput!) {\n    transitionContent(input: $input) {\n      __typename\n      content {\n        __typename\n        ...EditorContent\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation EditorTransition($input: TransitionContentInput!) {\n    transitionContent(input: $input) {\n      __typename\n      content {\n        __typename\n        ...EditorContent\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EditorSchedule($input: ScheduleContentInput!) {\n    scheduleContent(input: $input) {\n      __typename\n      content {\n        __typename\n        ...EditorContent\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation EditorSchedule($input: ScheduleContentInput!) {\n    scheduleContent(input: $input) {\n      __typename\n      content {\n        __typename\n        ...EditorContent\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HistoryItem($id: UUID!) {\n    content(id: $id) {\n      id\n      title\n      status\n      version\n      workingVersion\n      versionCount\n      type {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query HistoryItem($id: UUID!) {\n    content(id: $id) {\n      id\n      title\n      status\n      version\n      workingVersion\n      versionCount\n      type {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HistoryVersions($contentId: UUID!, $first: Int!, $after: String) {\n    contentVersions(contentId: $contentId, first: $first, after: $after) {\n      nodes {\n        version\n        event\n        status\n        note\n        createdAt\n        title\n        actor {\n          id\n          displayName\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query HistoryVersions($contentId: UUID!, $first: Int!, $after: String) {\n    contentVersions(contentId: $contentId, first: $first, after: $after) {\n      nodes {\n        version\n        event\n        status\n        note\n        createdAt\n        title\n        actor {\n          id\n          displayName\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HistoryDiff($contentId: UUID!, $from: Int!, $to: Int!) {\n    contentDiff(contentId: $contentId, from: $from, to: $to) {\n      from\n      to\n      changes {\n        path\n        before\n        after\n        words {\n          op\n          value\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query HistoryDiff($contentId: UUID!, $from: Int!, $to: Int!) {\n    contentDiff(contentId: $contentId, from: $from, to: $to) {\n      from\n      to\n      changes {\n        path\n        before\n        after\n        words {\n          op\n          value\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestoreContentVersion($id: UUID!, $version: Int!) {\n    restoreContentVersion(input: { id: $id, version: $version }) {\n      content {\n        id\n        status\n        version\n        workingVersion\n        versionCount\n        updatedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RestoreContentVersion($id: UUID!, $version: Int!) {\n    restoreContentVersion(input: { id: $id, version: $version }) {\n      content {\n        id\n        status\n        version\n        workingVersion\n        versionCount\n        updatedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MediaSummary on Media {\n    __typename\n    id\n    filename\n    title\n    alt\n    caption\n    mimeType\n    size\n    width\n    height\n    placeholder\n    folderId\n    createdAt\n    updatedAt\n    deletedAt\n    url\n    focalPoint {\n      __typename\n      x\n      y\n    }\n    variants {\n      __typename\n      name\n      url\n      width\n      height\n    }\n    uploadedBy {\n      __typename\n      id\n      displayName\n    }\n  }\n"): (typeof documents)["\n  fragment MediaSummary on Media {\n    __typename\n    id\n    filename\n    title\n    alt\n    caption\n    mimeType\n    size\n    width\n    height\n    placeholder\n    folderId\n    createdAt\n    updatedAt\n    deletedAt\n    url\n    focalPoint {\n      __typename\n      x\n      y\n    }\n    variants {\n      __typename\n      name\n      url\n      width\n      height\n    }\n    uploadedBy {\n      __typename\n      id\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MediaItems($filter: MediaItemsFilter, $orderBy: MediaOrder, $first: Int, $after: String) {\n    mediaItems(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      __typename\n      nodes {\n        __typename\n        ...MediaSummary\n      }\n      pageInfo {\n        __typename\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query MediaItems($filter: MediaItemsFilter, $orderBy: MediaOrder, $first: Int, $after: String) {\n    mediaItems(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      __typename\n      nodes {\n        __typename\n        ...MediaSummary\n      }\n      pageInfo {\n        __typename\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MediaPreview($id: UUID!) {\n    media(id: $id) {\n      __typename\n      ...MediaSummary\n    }\n  }\n"): (typeof documents)["\n  query MediaPreview($id: UUID!) {\n    media(id: $id) {\n      __typename\n      ...MediaSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MediaDetail($id: UUID!) {\n    media(id: $id) {\n      __typename\n      ...MediaSummary\n      usage {\n        __typename\n        live\n        working\n        content {\n          __typename\n          id\n          title\n          status\n          type {\n            __typename\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MediaDetail($id: UUID!) {\n    media(id: $id) {\n      __typename\n      ...MediaSummary\n      usage {\n        __typename\n        live\n        working\n        content {\n          __typename\n          id\n          title\n          status\n          type {\n            __typename\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MediaFolders {\n    mediaFolders {\n      __typename\n      id\n      name\n      parentId\n    }\n  }\n"): (typeof documents)["\n  query MediaFolders {\n    mediaFolders {\n      __typename\n      id\n      name\n      parentId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UploadMedia($file: Upload!, $input: UploadMediaInput) {\n    uploadMedia(file: $file, input: $input) {\n      __typename\n      ...MediaSummary\n    }\n  }\n"): (typeof documents)["\n  mutation UploadMedia($file: Upload!, $input: UploadMediaInput) {\n    uploadMedia(file: $file, input: $input) {\n      __typename\n      ...MediaSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateMedia($input: UpdateMediaInput!) {\n    updateMedia(input: $input) {\n      __typename\n      ...MediaSummary\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateMedia($input: UpdateMediaInput!) {\n    updateMedia(input: $input) {\n      __typename\n      ...MediaSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MoveMedia($input: MoveMediaInput!) {\n    moveMedia(input: $input) {\n      __typename\n      id\n      folderId\n    }\n  }\n"): (typeof documents)["\n  mutation MoveMedia($input: MoveMediaInput!) {\n    moveMedia(input: $input) {\n      __typename\n      id\n      folderId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteMedia($input: DeleteMediaInput!) {\n    deleteMedia(input: $input) {\n      __typename\n      id\n      deletedAt\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteMedia($input: DeleteMediaInput!) {\n    deleteMedia(input: $input) {\n      __typename\n      id\n      deletedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestoreMedia($input: MediaIdInput!) {\n    restoreMedia(input: $input) {\n      __typename\n      id\n      deletedAt\n    }\n  }\n"): (typeof documents)["\n  mutation RestoreMedia($input: MediaIdInput!) {\n    restoreMedia(input: $input) {\n      __typename\n      id\n      deletedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateMediaFolder($input: CreateMediaFolderInput!) {\n    createMediaFolder(input: $input) {\n      __typename\n      id\n      name\n      parentId\n    }\n  }\n"): (typeof documents)["\n  mutation CreateMediaFolder($input: CreateMediaFolderInput!) {\n    createMediaFolder(input: $input) {\n      __typename\n      id\n      name\n      parentId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateMediaFolder($input: UpdateMediaFolderInput!) {\n    updateMediaFolder(input: $input) {\n      __typename\n      id\n      name\n      parentId\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateMediaFolder($input: UpdateMediaFolderInput!) {\n    updateMediaFolder(input: $input) {\n      __typename\n      id\n      name\n      parentId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteMediaFolder($input: MediaIdInput!) {\n    deleteMediaFolder(input: $input) {\n      __typename\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteMediaFolder($input: MediaIdInput!) {\n    deleteMediaFolder(input: $input) {\n      __typename\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnreadNotificationCount {\n    unreadNotificationCount\n  }\n"): (typeof documents)["\n  query UnreadNotificationCount {\n    unreadNotificationCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BellNotifications($first: Int!) {\n    notifications(first: $first) {\n      nodes {\n        id\n        kind\n        title\n        body\n        contentId\n        createdAt\n        read\n      }\n    }\n  }\n"): (typeof documents)["\n  query BellNotifications($first: Int!) {\n    notifications(first: $first) {\n      nodes {\n        id\n        kind\n        title\n        body\n        contentId\n        createdAt\n        read\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription NotificationReceived {\n    notificationReceived {\n      id\n      kind\n      title\n      body\n      contentId\n      createdAt\n      read\n    }\n  }\n"): (typeof documents)["\n  subscription NotificationReceived {\n    notificationReceived {\n      id\n      kind\n      title\n      body\n      contentId\n      createdAt\n      read\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotificationRead($id: UUID!) {\n    markNotificationRead(input: { id: $id }) {\n      notification {\n        id\n        read\n        readAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation MarkNotificationRead($id: UUID!) {\n    markNotificationRead(input: { id: $id }) {\n      notification {\n        id\n        read\n        readAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead {\n      count\n    }\n  }\n"): (typeof documents)["\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead {\n      count\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PaletteSearch($text: String!) {\n    contents(first: 8, filter: { text: $text }, orderBy: { field: UPDATED_AT, direction: DESC }) {\n      nodes {\n        id\n        title\n        status\n        type {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PaletteSearch($text: String!) {\n    contents(first: 8, filter: { text: $text }, orderBy: { field: UPDATED_AT, direction: DESC }) {\n      nodes {\n        id\n        title\n        status\n        type {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog(\n    $filter: AuditLogFilter\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n  ) {\n    auditLog(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        occurredAt\n        action\n        actorKind\n        actor {\n          id\n          displayName\n        }\n        targetType\n        targetId\n        ip\n        userAgent\n        requestId\n        details\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditLog(\n    $filter: AuditLogFilter\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n  ) {\n    auditLog(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        id\n        occurredAt\n        action\n        actorKind\n        actor {\n          id\n          displayName\n        }\n        targetType\n        targetId\n        ip\n        userAgent\n        requestId\n        details\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditContentTypes {\n    contentTypes {\n      id\n      apiId\n      name\n    }\n  }\n"): (typeof documents)["\n  query AuditContentTypes {\n    contentTypes {\n      id\n      apiId\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditActorSearch($search: String) {\n    users(filter: { search: $search }, first: 20) {\n      nodes {\n        id\n        displayName\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditActorSearch($search: String) {\n    users(filter: { search: $search }, first: 20) {\n      nodes {\n        id\n        displayName\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditActor($id: UUID!) {\n    user(id: $id) {\n      id\n      displayName\n      email\n    }\n  }\n"): (typeof documents)["\n  query AuditActor($id: UUID!) {\n    user(id: $id) {\n      id\n      displayName\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuditUserName on User {\n    id\n    displayName\n  }\n"): (typeof documents)["\n  fragment AuditUserName on User {\n    id\n    displayName\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TaxonomyCategory on Category {\n    id\n    name\n    slug\n    description\n    parentId\n    itemCount\n  }\n"): (typeof documents)["\n  fragment TaxonomyCategory on Category {\n    id\n    name\n    slug\n    description\n    parentId\n    itemCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TaxonomyTag on Tag {\n    id\n    name\n    slug\n    usageCount\n  }\n"): (typeof documents)["\n  fragment TaxonomyTag on Tag {\n    id\n    name\n    slug\n    usageCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TaxonomyCategories {\n    categories {\n      ...TaxonomyCategory\n    }\n  }\n"): (typeof documents)["\n  query TaxonomyCategories {\n    categories {\n      ...TaxonomyCategory\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TaxonomyTags {\n    tags {\n      ...TaxonomyTag\n    }\n  }\n"): (typeof documents)["\n  query TaxonomyTags {\n    tags {\n      ...TaxonomyTag\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TaxonomyCreateCategory($input: CreateCategoryInput!) {\n    createCategory(input: $input) {\n      category {\n        ...TaxonomyCategory\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TaxonomyCreateCategory($input: CreateCategoryInput!) {\n    createCategory(input: $input) {\n      category {\n        ...TaxonomyCategory\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TaxonomyUpdateCategory($input: UpdateCategoryInput!) {\n    updateCategory(input: $input) {\n      category {\n        ...TaxonomyCategory\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TaxonomyUpdateCategory($input: UpdateCategoryInput!) {\n    updateCategory(input: $input) {\n      category {\n        ...TaxonomyCategory\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TaxonomyDeleteCategory($input: DeleteByIdInput!) {\n    deleteCategory(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation TaxonomyDeleteCategory($input: DeleteByIdInput!) {\n    deleteCategory(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TaxonomyCreateTag($input: TagInput!) {\n    createTag(input: $input) {\n      tag {\n        ...TaxonomyTag\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TaxonomyCreateTag($input: TagInput!) {\n    createTag(input: $input) {\n      tag {\n        ...TaxonomyTag\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TaxonomyUpdateTag($input: TagInput!) {\n    updateTag(input: $input) {\n      tag {\n        ...TaxonomyTag\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TaxonomyUpdateTag($input: TagInput!) {\n    updateTag(input: $input) {\n      tag {\n        ...TaxonomyTag\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TaxonomyDeleteTag($input: DeleteByIdInput!) {\n    deleteTag(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation TaxonomyDeleteTag($input: DeleteByIdInput!) {\n    deleteTag(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TaxonomyMergeTags($input: MergeTagsInput!) {\n    mergeTags(input: $input) {\n      itemsChanged\n      tag {\n        ...TaxonomyTag\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TaxonomyMergeTags($input: MergeTagsInput!) {\n    mergeTags(input: $input) {\n      itemsChanged\n      tag {\n        ...TaxonomyTag\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TypesBuilderType on ContentType {\n    id\n    apiId\n    name\n    description\n    builtIn\n    workflow\n    updatedAt\n    fields {\n      ...EditorFieldDefinition\n    }\n  }\n"): (typeof documents)["\n  fragment TypesBuilderType on ContentType {\n    id\n    apiId\n    name\n    description\n    builtIn\n    workflow\n    updatedAt\n    fields {\n      ...EditorFieldDefinition\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TypesList {\n    contentTypes {\n      ...TypesBuilderType\n    }\n  }\n"): (typeof documents)["\n  query TypesList {\n    contentTypes {\n      ...TypesBuilderType\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TypesBuilder($apiId: String!) {\n    contentType(apiId: $apiId) {\n      ...TypesBuilderType\n    }\n  }\n"): (typeof documents)["\n  query TypesBuilder($apiId: String!) {\n    contentType(apiId: $apiId) {\n      ...TypesBuilderType\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TypesCreate($input: CreateContentTypeInput!) {\n    createContentType(input: $input) {\n      contentType {\n        ...TypesBuilderType\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TypesCreate($input: CreateContentTypeInput!) {\n    createContentType(input: $input) {\n      contentType {\n        ...TypesBuilderType\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TypesUpdate($input: UpdateContentTypeInput!) {\n    updateContentType(input: $input) {\n      contentType {\n        ...TypesBuilderType\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TypesUpdate($input: UpdateContentTypeInput!) {\n    updateContentType(input: $input) {\n      contentType {\n        ...TypesBuilderType\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TypesFieldUsage($apiId: String!) {\n    contentType(apiId: $apiId) {\n      id\n      fieldUsage {\n        apiId\n        items\n      }\n    }\n  }\n"): (typeof documents)["\n  query TypesFieldUsage($apiId: String!) {\n    contentType(apiId: $apiId) {\n      id\n      fieldUsage {\n        apiId\n        items\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserRow on User {\n    id\n    displayName\n    email\n    emailVerified\n    active\n    createdAt\n    updatedAt\n    lastSignInAt\n    role {\n      id\n      name\n      level\n    }\n  }\n"): (typeof documents)["\n  fragment UserRow on User {\n    id\n    displayName\n    email\n    emailVerified\n    active\n    createdAt\n    updatedAt\n    lastSignInAt\n    role {\n      id\n      name\n      level\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UserList(\n    $filter: UserFilterInput\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n  ) {\n    users(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        ...UserRow\n      }\n    }\n  }\n"): (typeof documents)["\n  query UserList(\n    $filter: UserFilterInput\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n  ) {\n    users(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      nodes {\n        ...UserRow\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Roles {\n    roles {\n      id\n      name\n      level\n      description\n      permissions\n    }\n  }\n"): (typeof documents)["\n  query Roles {\n    roles {\n      id\n      name\n      level\n      description\n      permissions\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UserDetail($id: UUID!) {\n    user(id: $id) {\n      ...UserRow\n      twoFactorEnabled\n    }\n  }\n"): (typeof documents)["\n  query UserDetail($id: UUID!) {\n    user(id: $id) {\n      ...UserRow\n      twoFactorEnabled\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) {\n      user {\n        ...UserRow\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) {\n      user {\n        ...UserRow\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetUserTwoFactor($input: ResetUserTwoFactorInput!) {\n    resetUserTwoFactor(input: $input) {\n      ok\n    }\n  }\n"): (typeof documents)["\n  mutation ResetUserTwoFactor($input: ResetUserTwoFactorInput!) {\n    resetUserTwoFactor(input: $input) {\n      ok\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InviteUser($input: InviteUserInput!) {\n    inviteUser(input: $input) {\n      user {\n        ...UserRow\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation InviteUser($input: InviteUserInput!) {\n    inviteUser(input: $input) {\n      user {\n        ...UserRow\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UserSessions($id: UUID!) {\n    user(id: $id) {\n      id\n      sessions {\n        id\n        createdAt\n        lastSeenAt\n        expiresAt\n        ip\n        userAgent\n        current\n      }\n    }\n  }\n"): (typeof documents)["\n  query UserSessions($id: UUID!) {\n    user(id: $id) {\n      id\n      sessions {\n        id\n        createdAt\n        lastSeenAt\n        expiresAt\n        ip\n        userAgent\n        current\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeUserSession($input: RevokeSessionInput!) {\n    revokeSession(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeUserSession($input: RevokeSessionInput!) {\n    revokeSession(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      displayName\n      email\n      emailVerified\n      role {\n        id\n        name\n        level\n        permissions\n      }\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      displayName\n      email\n      emailVerified\n      role {\n        id\n        name\n        level\n        permissions\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    signOut {\n      revokedSessions\n    }\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    signOut {\n      revokedSessions\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ShellContentTypes {\n    contentTypes {\n      id\n      apiId\n      name\n    }\n  }\n"): (typeof documents)["\n  query ShellContentTypes {\n    contentTypes {\n      id\n      apiId\n      name\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;