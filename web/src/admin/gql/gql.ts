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
    "\n  query UnreadNotificationCount {\n    unreadNotificationCount\n  }\n": typeof types.UnreadNotificationCountDocument,
    "\n  query BellNotifications($first: Int!) {\n    notifications(first: $first) {\n      nodes {\n        id\n        kind\n        title\n        body\n        contentId\n        createdAt\n        read\n      }\n    }\n  }\n": typeof types.BellNotificationsDocument,
    "\n  subscription NotificationReceived {\n    notificationReceived {\n      id\n      kind\n      title\n      body\n      contentId\n      createdAt\n      read\n    }\n  }\n": typeof types.NotificationReceivedDocument,
    "\n  mutation MarkNotificationRead($id: UUID!) {\n    markNotificationRead(input: { id: $id }) {\n      notification {\n        id\n        read\n        readAt\n      }\n    }\n  }\n": typeof types.MarkNotificationReadDocument,
    "\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead {\n      count\n    }\n  }\n": typeof types.MarkAllNotificationsReadDocument,
    "\n  query PaletteSearch($text: String!) {\n    contents(first: 8, filter: { text: $text }, orderBy: { field: UPDATED_AT, direction: DESC }) {\n      nodes {\n        id\n        title\n        status\n        type {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.PaletteSearchDocument,
    "\n  query Me {\n    me {\n      id\n      displayName\n      email\n      emailVerified\n      role {\n        id\n        name\n        level\n        permissions\n      }\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation SignOut {\n    signOut {\n      revokedSessions\n    }\n  }\n": typeof types.SignOutDocument,
    "\n  query ShellContentTypes {\n    contentTypes {\n      id\n      apiId\n      name\n    }\n  }\n": typeof types.ShellContentTypesDocument,
};
const documents: Documents = {
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
    "\n  query UnreadNotificationCount {\n    unreadNotificationCount\n  }\n": types.UnreadNotificationCountDocument,
    "\n  query BellNotifications($first: Int!) {\n    notifications(first: $first) {\n      nodes {\n        id\n        kind\n        title\n        body\n        contentId\n        createdAt\n        read\n      }\n    }\n  }\n": types.BellNotificationsDocument,
    "\n  subscription NotificationReceived {\n    notificationReceived {\n      id\n      kind\n      title\n      body\n      contentId\n      createdAt\n      read\n    }\n  }\n": types.NotificationReceivedDocument,
    "\n  mutation MarkNotificationRead($id: UUID!) {\n    markNotificationRead(input: { id: $id }) {\n      notification {\n        id\n        read\n        readAt\n      }\n    }\n  }\n": types.MarkNotificationReadDocument,
    "\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead {\n      count\n    }\n  }\n": types.MarkAllNotificationsReadDocument,
    "\n  query PaletteSearch($text: String!) {\n    contents(first: 8, filter: { text: $text }, orderBy: { field: UPDATED_AT, direction: DESC }) {\n      nodes {\n        id\n        title\n        status\n        type {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.PaletteSearchDocument,
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