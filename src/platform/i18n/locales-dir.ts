import { fileURLToPath } from 'node:url';

/**
 * The folder of the message catalogues. In a file of its own, so that reading one catalogue's
 * English text (an error's detail) loads neither the catalogues nor the profile's validator.
 */
export const LOCALES_DIR = fileURLToPath(new URL('../../../locales/', import.meta.url));

/** The folder of the business modules, whose capabilities may keep their own catalogue beside their code. */
export const MODULES_DIR = fileURLToPath(new URL('../../modules/', import.meta.url));
