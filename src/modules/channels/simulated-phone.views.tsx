import { SelectField, TextField, type FormState } from '../../platform/web/components.tsx';

/**
 * The two fields every staff simulator of a phone starts with: the phone's number (a made-up one,
 * so never offered by autofill, and written left to right in every language) and the code it
 * dials or texts, from the profile.
 */
export function SimulatedPhoneFields(props: {
  form: FormState;
  numberLabel: string;
  numberHint: string;
  codeName: string;
  codeLabel: string;
  codes: readonly string[];
}) {
  const { form } = props;
  return (
    <>
      <TextField form={form} name="number" type="tel" autocomplete="off" dir="ltr" label={props.numberLabel} hint={props.numberHint} isRequired />
      <SelectField form={form} name={props.codeName} label={props.codeLabel} options={props.codes.map((code) => ({ value: code, label: code }))} />
    </>
  );
}
