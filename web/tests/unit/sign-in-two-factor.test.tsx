// @vitest-environment happy-dom
// Sign-in's second step against a mocked API: a wrong code's message shows
// under the Code field, and the corrected code can then be sent (the field
// marked invalid by the server would otherwise keep the form from
// submitting).
import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { SignInMutation, SignInPageQuery, VerifyTwoFactorMutation } from '../../src/admin/api/auth';
import SignIn from '../../src/admin/screens/auth/SignIn';
import type { Session } from '../../src/admin/session/session';

const signedIn = vi.fn(async (_expiresAt: string) => {});

// Only what the sign-in screen reads of the session.
vi.mock('../../src/admin/session/session', () => ({
  useSession: (): Partial<Session> => ({
    status: 'signed-out',
    me: undefined,
    endedReason: undefined,
    signedIn,
  }),
}));

afterEach(() => {
  cleanup();
  signedIn.mockClear();
});

const EMAIL = 'ada@example.com';
const PASSWORD = 'Quartz-lantern-7-harbour';
const CHALLENGE = 'challenge-token';
const EXPIRES = '2030-01-01T00:00:00Z';

const page: MockLink.MockedResponse = {
  request: { query: SignInPageQuery },
  result: { data: { __typename: 'Query', setupRequired: false, signUpOpen: false } },
};

const password: MockLink.MockedResponse = {
  request: {
    query: SignInMutation,
    variables: { input: { email: EMAIL, password: PASSWORD, cookies: true } },
  },
  result: {
    data: {
      __typename: 'Mutation',
      signIn: { __typename: 'SignInPayload', twoFactorRequired: true, challenge: CHALLENGE, expiresAt: null },
    },
  },
};

function verify(code: string, result: MockLink.MockedResponse['result']): MockLink.MockedResponse {
  return {
    request: {
      query: VerifyTwoFactorMutation,
      variables: { input: { challenge: CHALLENGE, code, cookies: true } },
    },
    result,
  };
}

const wrongCode = {
  errors: [
    new GraphQLError('the code is wrong or used', {
      extensions: { code: 'BAD_USER_INPUT', field: 'input.code' },
    }),
  ],
};

function renderSignIn(mocks: MockLink.MockedResponse[]) {
  const router = createMemoryRouter([{ path: '/admin/sign-in', element: <SignIn /> }], {
    initialEntries: ['/admin/sign-in'],
  });
  render(
    <MockedProvider mocks={mocks}>
      <RouterProvider router={router} />
    </MockedProvider>,
  );
}

async function reachCodeStep(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByRole('textbox', { name: 'Email' }), EMAIL);
  await user.type(screen.getByLabelText('Password'), PASSWORD);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  return screen.findByRole('textbox', { name: 'Code' });
}

describe('SignIn, second factor', () => {
  it('sends a corrected code after the server refused a wrong one', async () => {
    const user = userEvent.setup();
    renderSignIn([
      page,
      password,
      verify('111111', wrongCode),
      verify('222222', { data: { __typename: 'Mutation', verifyTwoFactor: { __typename: 'AuthPayload', expiresAt: EXPIRES } } }),
    ]);
    const code = await reachCodeStep(user);

    await user.type(code, '111111');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByText('the code is wrong or used')).toBeTruthy();
    expect(code.getAttribute('aria-invalid')).toBe('true');

    await user.clear(code);
    await user.type(code, '222222');
    // Typing drops the server's verdict on the old code.
    expect(code.getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByText('the code is wrong or used')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(signedIn).toHaveBeenCalledWith(EXPIRES));
  });

  it('starts a new challenge with an empty code and no old error', async () => {
    const user = userEvent.setup();
    renderSignIn([page, password, verify('111111', wrongCode), password]);
    const code = await reachCodeStep(user);
    await user.type(code, '111111');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    await screen.findByText('the code is wrong or used');

    await user.click(screen.getByRole('button', { name: 'Back' }));
    await user.click(await screen.findByRole('button', { name: 'Sign in' }));
    const again = await screen.findByRole('textbox', { name: 'Code' });
    expect((again as HTMLInputElement).value).toBe('');
    expect(again.getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByText('the code is wrong or used')).toBeNull();
  });
});
