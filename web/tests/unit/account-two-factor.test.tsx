// @vitest-environment happy-dom
// The two-factor panel against a mocked API: it shows at once whether
// two-factor is on (`me.twoFactorEnabled`) and offers what fits; a wrong
// code is shown under the code field; a confirmed setup shows the backup
// codes once and the state turns to on, turning it off turns it to off; a
// setup refused because it was turned on elsewhere shows the fresh state.
import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';

import {
  AccountTwoFactorQuery,
  ConfirmTwoFactorMutation,
  DisableTwoFactorMutation,
  SetupTwoFactorMutation,
} from '../../src/admin/api/account';
import { TwoFactorPanel } from '../../src/admin/screens/account/TwoFactorPanel';

afterEach(cleanup);

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const CODES = Array.from({ length: 10 }, (_, i) => `code${i}-abcde`);

function state(enabled: boolean): MockLink.MockedResponse {
  return {
    request: { query: AccountTwoFactorQuery },
    result: {
      data: {
        __typename: 'Query',
        me: { __typename: 'User', id: '11111111-1111-4111-8111-111111111111', twoFactorEnabled: enabled },
      },
    },
  };
}

const setup: MockLink.MockedResponse = {
  request: { query: SetupTwoFactorMutation },
  result: {
    data: {
      __typename: 'Mutation',
      setupTwoFactor: {
        __typename: 'SetupTwoFactorPayload',
        secret: SECRET,
        otpauthUrl: `otpauth://totp/Vellum:ada@example.com?secret=${SECRET}&issuer=Vellum`,
        qrCode: 'data:image/png;base64,iVBORw0KGgo=',
      },
    },
  },
};

function confirm(code: string, result: MockLink.MockedResponse['result']): MockLink.MockedResponse {
  return { request: { query: ConfirmTwoFactorMutation, variables: { input: { code } } }, result };
}

function renderPanel(mocks: MockLink.MockedResponse[]) {
  return render(
    <MockedProvider mocks={mocks}>
      <TwoFactorPanel />
    </MockedProvider>,
  );
}

const SETUP = 'Set up two-factor authentication';
const TURN_OFF = 'Turn off two-factor authentication';

/** The state badge beside the heading. */
const badge = (text: 'On' | 'Off') => screen.findByText(text, { exact: true, selector: '.badge' });

describe('TwoFactorPanel', () => {
  it('shows "Off" and only the setup when two-factor is off', async () => {
    renderPanel([state(false)]);
    expect(screen.getByRole('status', { name: 'Loading your two-factor settings' })).toBeTruthy();
    expect(await badge('Off')).toBeTruthy();
    expect(screen.getByRole('button', { name: SETUP })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Get new backup codes' })).toBeNull();
    expect(screen.queryByRole('button', { name: TURN_OFF })).toBeNull();
  });

  it('shows "On" and only the backup codes and turning off when two-factor is on', async () => {
    renderPanel([state(true)]);
    expect(await badge('On')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Get new backup codes' })).toBeTruthy();
    expect(screen.getByRole('button', { name: TURN_OFF })).toBeTruthy();
    expect(screen.queryByRole('button', { name: SETUP })).toBeNull();
  });

  it('says why when the state cannot be read, and tries again', async () => {
    const user = userEvent.setup();
    renderPanel([
      { request: { query: AccountTwoFactorQuery }, error: new Error('The server could not be reached.') },
      state(false),
    ]);
    expect(await screen.findByText('The server could not be reached.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await badge('Off')).toBeTruthy();
  });

  it('shows the state as it is now when setup finds it turned on elsewhere', async () => {
    const user = userEvent.setup();
    renderPanel([
      state(false),
      {
        request: { query: SetupTwoFactorMutation },
        result: {
          errors: [
            new GraphQLError('two-factor authentication is already on; disable it first', {
              extensions: { code: 'CONFLICT' },
            }),
          ],
        },
      },
      state(true),
    ]);
    await user.click(await screen.findByRole('button', { name: SETUP }));
    expect(await screen.findByText(/already on for your account/)).toBeTruthy();
    expect(await badge('On')).toBeTruthy();
    expect(screen.queryByRole('button', { name: SETUP })).toBeNull();
    expect(screen.getByRole('button', { name: TURN_OFF })).toBeTruthy();
  });

  it('shows the secret, puts a wrong code’s error under the field, then the backup codes once', async () => {
    const user = userEvent.setup();
    renderPanel([
      state(false),
      setup,
      confirm('111111', {
        errors: [
          new GraphQLError('the code is wrong or expired', {
            extensions: { code: 'BAD_USER_INPUT', field: 'input.code' },
          }),
        ],
      }),
      confirm('222222', {
        data: {
          __typename: 'Mutation',
          confirmTwoFactor: { __typename: 'BackupCodesPayload', backupCodes: CODES },
        },
      }),
    ]);
    await user.click(await screen.findByRole('button', { name: SETUP }));
    expect(await screen.findByRole('img', { name: /QR code/ })).toBeTruthy();
    expect(screen.getByText('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP')).toBeTruthy();

    const code = screen.getByRole('textbox', { name: 'Code from the app' });
    await user.type(code, '111111');
    await user.click(screen.getByRole('button', { name: 'Turn on two-factor authentication' }));
    expect(await screen.findByText('the code is wrong or expired')).toBeTruthy();
    expect(code.getAttribute('aria-invalid')).toBe('true');

    await user.clear(code);
    await user.type(code, '222222');
    await user.click(screen.getByRole('button', { name: 'Turn on two-factor authentication' }));
    const region = await screen.findByRole('region', { name: 'Your backup codes' });
    expect(region.querySelectorAll('li')).toHaveLength(10);
    // Known from the confirmation alone: no second read of the state.
    expect(await badge('On')).toBeTruthy();

    // Once stored, the codes are gone for good, and what fits "on" is offered.
    await user.click(screen.getByRole('button', { name: 'I have stored them' }));
    expect(screen.queryByRole('region', { name: 'Your backup codes' })).toBeNull();
    expect(screen.queryByText(CODES[0]!)).toBeNull();
    expect(screen.getByRole('button', { name: TURN_OFF })).toBeTruthy();
    expect(screen.queryByRole('button', { name: SETUP })).toBeNull();
  });

  it('turns two-factor off with a code, then offers setting it up again', async () => {
    const user = userEvent.setup();
    renderPanel([
      state(true),
      {
        request: { query: DisableTwoFactorMutation, variables: { input: { code: CODES[0] } } },
        result: {
          data: { __typename: 'Mutation', disableTwoFactor: { __typename: 'TwoFactorChangedPayload', ok: true } },
        },
      },
    ]);
    const turnOff = await screen.findByRole('button', { name: TURN_OFF });
    expect(turnOff.hasAttribute('disabled')).toBe(true);
    await user.type(
      screen.getByRole('textbox', { name: 'Code from your authenticator, or a backup code' }),
      CODES[0]!,
    );
    await user.click(turnOff);
    expect(await screen.findByText('Two-factor authentication is off.')).toBeTruthy();
    expect(await badge('Off')).toBeTruthy();
    expect(screen.getByRole('button', { name: SETUP })).toBeTruthy();
    expect(screen.queryByRole('button', { name: TURN_OFF })).toBeNull();
  });
});
