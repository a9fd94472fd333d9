/** A decimal number without sign, as a cell of an offer or roaming file writes it. */
export const DECIMAL = '^\\d+(\\.\\d+)?$';
const INTEGER = '^\\d+$';

/** A column of a decimal amount: a cell's text, a number, or empty. */
export const numeric = (description: string) => ({
  description,
  anyOf: [{ type: 'string', pattern: `^$|${DECIMAL}` }, { type: 'number', minimum: 0 }, { type: 'null' }],
});

/** A column of a whole number: a cell's text, an integer, or empty. */
export const whole = (description: string) => ({
  description,
  anyOf: [{ type: 'string', pattern: `^$|${INTEGER}` }, { type: 'integer', minimum: 0 }, { type: 'null' }],
});

/** A column of a day, YYYY-MM-DD, or empty. */
export const day = (description: string) => ({ description, type: ['string', 'null'], pattern: '^$|^\\d{4}-\\d{2}-\\d{2}$' });

/** The currency column, the same in every file. */
export const CURRENCY_COLUMN = { description: "ISO 4217 code; the jurisdiction's currency when empty.", type: ['string', 'null'], pattern: '^$|^[A-Z]{3}$' };
