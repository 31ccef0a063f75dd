// The account fields the auth forms share, with their labels, autocomplete
// hints and the password rule in one place. Each still takes any TextField
// prop, to override a hint (sign-in's email is the "username").
import { TextField, type TextFieldProps } from '../../ui/Field';

/** The server's rule (it checks too); said here so the form can say it first. */
const MIN_PASSWORD_LENGTH = 10;

type PresetProps = Omit<TextFieldProps, 'label'> & { label?: string };

export function EmailField(props: PresetProps) {
  return <TextField label="Email" name="email" type="email" autoComplete="email" isRequired {...props} />;
}

export function NameField(props: PresetProps) {
  return <TextField label="Your name" name="displayName" autoComplete="name" isRequired {...props} />;
}

/** A password being chosen (sign-up, setup, reset). */
export function NewPasswordField(props: PresetProps) {
  return (
    <TextField
      label="Password"
      name="password"
      type="password"
      autoComplete="new-password"
      description={`At least ${MIN_PASSWORD_LENGTH} characters.`}
      minLength={MIN_PASSWORD_LENGTH}
      isRequired
      {...props}
    />
  );
}
