/** The public list of social tariffs. */
export const SOCIAL_TARIFFS_PATH = '/offers/social-tariffs';
