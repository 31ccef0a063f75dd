// The tabs a first-time visitor sees: one runnable example per thing people
// come to GraphiQL for. GraphiQL shows them only while no tabs of the
// visitor's own are stored.

export interface ExampleTab {
  query: string;
  variables?: string;
  headers?: string;
}

export const EXAMPLE_TABS: readonly ExampleTab[] = [
  {
    query: `# Welcome to Vellum's GraphiQL.
#
# Each tab is an example: run it with Ctrl+Enter
# or the run button. Docs (the book icon) lists
# every type; the explorer (the folder icon)
# builds queries by ticking fields.
#
# Published content, newest first. Anyone may
# read it without signing in.
query LatestContent($first: Int = 5) {
  contents(first: $first) {
    totalCount
    nodes {
      id
      title
      slug
      publishedAt
      author { displayName }
      tags { name }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`,
  },
  {
    query: `# Sign in. With cookies: true this page keeps
# the session in cookies and sends the CSRF
# header for you. For scripts, put accessToken
# in the Headers pane below as
#   {"Authorization": "Bearer <accessToken>"}
# An API key goes there the same way.
mutation SignIn($email: String!, $password: String!) {
  signIn(input: { email: $email, password: $password, cookies: true }) {
    twoFactorRequired
    accessToken
    expiresAt
    user { id displayName role { name } }
  }
}
`,
    variables: '{ "email": "admin@example.com", "password": "" }',
  },
  {
    query: `# Who the server thinks you are (sign in
# first, or set the header below).
query Me {
  me { id displayName email role { name } }
}
`,
    headers: '{ "Authorization": "Bearer <access token or API key>" }',
  },
  {
    query: `# Subscriptions run over a WebSocket on the
# same host. serverTime ticks once a second;
# contentEvents streams publishing as it
# happens. Pick one with the run button;
# stop ends it.
subscription Clock {
  serverTime
}

subscription ContentChanges {
  contentEvents {
    kind
    occurredAt
    content { id title slug }
  }
}
`,
  },
];
