import { test } from 'node:test';
import assert from 'node:assert/strict';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { BackLink, Checkbox, CheckboxGroup, DateInput, FileField, RadioGroup, SelectField, TextArea } from './components.tsx';

const choices = [
  { value: 'a', label: 'Alpha', hint: 'The first' },
  { value: 'b', label: 'Beta' },
];

test('a radio group is a fieldset with a legend; its first choice carries the field id the error summary links to', () => {
  const form = { values: { pick: 'b' }, problems: [{ field: 'pick', message: 'Select one' }] };
  const html = renderToString(h(RadioGroup, { form, name: 'pick', legend: 'Which one?', hint: 'Only one', choices, isRequired: true }));
  assert.match(html, /<fieldset aria-describedby="field-pick-hint field-pick-error"><legend>Which one\?<\/legend>/);
  assert.match(html, /<input id="field-pick" name="pick" type="radio" value="a" aria-describedby="field-pick-hint"/);
  assert.match(html, /<label for="field-pick">Alpha<\/label><p class="hint" id="field-pick-hint">The first<\/p>/);
  assert.match(html, /id="field-pick-2" name="pick" type="radio" value="b" checked/);
  assert.match(html, /<p class="error-message" id="field-pick-error">Select one<\/p>/);
});

test('a checkbox group ticks every value given, and a single checkbox keeps its state', () => {
  const form = { values: {}, problems: [] };
  const html = renderToString(h(CheckboxGroup, { form, name: 'ops', legend: 'Operators', choices, checked: ['a', 'b'] }));
  assert.equal((html.match(/type="checkbox"/g) ?? []).length, 2);
  assert.equal((html.match(/ checked/g) ?? []).length, 2);
  assert.match(renderToString(h(Checkbox, { form: { values: { consent: 'yes' }, problems: [] }, name: 'consent', label: 'I agree' })), /value="yes" checked/);
});

test('a date is three labelled numeric boxes that keep what was typed, left to right in every language', () => {
  const form = { values: { whenDay: '31', whenMonth: '', whenYear: '2026' }, problems: [{ field: 'when', message: 'The date must include a month' }] };
  const html = renderToString(h(DateInput, { form, name: 'when', legend: 'When?', labels: { day: 'Day', month: 'Month', year: 'Year' } }));
  assert.match(html, /<div class="date-input" dir="ltr">/);
  assert.match(
    html,
    /<label for="field-when">Day<\/label><input id="field-when" class="date-part-2" name="whenDay" type="text" inputmode="numeric" value="31" aria-invalid="true"/,
  );
  assert.match(html, /<label for="field-when-month">Month<\/label>/);
  assert.match(html, /name="whenYear" type="text" inputmode="numeric" value="2026"/);
  assert.match(html, /aria-describedby="field-when-error"/);
});

test('a text area keeps its text escaped, with its limit in the hint; a select marks the chosen option', () => {
  const area = renderToString(
    h(TextArea, { form: { values: { story: '<b>hi</b>' }, problems: [] }, name: 'story', label: 'Story', hint: 'Up to 10 characters', maxLength: 10 }),
  );
  assert.match(area, /<textarea id="field-story" name="story" rows="6" maxlength="10" aria-describedby="field-story-hint">&lt;b>hi&lt;\/b><\/textarea>/);
  const select = renderToString(
    h(SelectField, {
      form: { values: { x: 'b' }, problems: [] },
      name: 'x',
      label: 'X',
      options: [
        { value: 'a', label: 'A' },
        { value: 'b', label: 'B' },
      ],
      placeholder: 'Choose',
    }),
  );
  assert.match(select, /<option value>Choose<\/option>/);
  assert.match(select, /<option value="b" selected>B<\/option>/);
});

test('a file field and a back link render as plain HTML', () => {
  assert.match(
    renderToString(h(FileField, { form: { values: {}, problems: [] }, name: 'file', label: 'File', accept: 'application/pdf' })),
    /<input id="field-file" name="file" type="file" accept="application\/pdf"/,
  );
  assert.equal(renderToString(h(BackLink, { href: '/x', label: 'Back' })), '<p class="back-link-row"><a class="back-link" href="/x">Back</a></p>');
});
