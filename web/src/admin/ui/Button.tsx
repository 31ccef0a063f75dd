// Buttons and button-looking links, on React Aria (keyboard, press and
// focus-visible behaviour done right).
import type { ReactNode } from 'react';
import {
  Button as AriaButton,
  Link as AriaLink,
  type ButtonProps as AriaButtonProps,
  type LinkProps as AriaLinkProps,
} from 'react-aria-components';

export type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';

export interface ButtonProps extends AriaButtonProps {
  variant?: Variant;
  size?: 'sm' | 'md';
  children?: ReactNode;
}

export function Button({ variant = 'secondary', size = 'md', className, ...props }: ButtonProps) {
  return (
    <AriaButton
      {...props}
      className={`btn btn-${variant} btn-${size}${typeof className === 'string' ? ` ${className}` : ''}`}
    />
  );
}

export interface ButtonLinkProps extends AriaLinkProps {
  variant?: Variant;
  size?: 'sm' | 'md';
}

export function ButtonLink({ variant = 'secondary', size = 'md', ...props }: ButtonLinkProps) {
  return <AriaLink {...props} className={`btn btn-${variant} btn-${size}`} />;
}

/** An inline text link routed by the client router. */
export function TextLink(props: AriaLinkProps) {
  return <AriaLink {...props} className="link" />;
}
