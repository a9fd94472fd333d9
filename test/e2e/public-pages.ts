/** A page anyone can open without signing in; the browser suite checks each one in every test language. */
export interface PublicPage {
  /** The path, optionally with a query; the suite adds `lang`. */
  path: string;
  /** The HTTP status the page answers with; 200 unless said. */
  status?: number;
}

/**
 * Every public page of the platform and the modules. A module that adds a public page adds it
 * here, so it is checked for accessibility, weight, third-party requests and keyboard use.
 */
export const PUBLIC_PAGES: readonly PublicPage[] = [
  { path: '/' },
  { path: '/api/docs' },
  { path: '/staff/sign-in' },
  { path: '/devices/check' },
  { path: '/devices/check?imei=35-209900-176148-1' },
  { path: '/devices/check?imei=35999999123456' },
  { path: '/devices/check?imei=12345', status: 422 },
  { path: '/devices/report' },
  { path: '/this-page-does-not-exist', status: 404 },
  { path: '/offers/compare' },
  { path: '/offers/compare?type=mobile&data_gb=2&voice_min=70&sms=20&months=12' },
  { path: '/offers/compare?preset=itu-fixed&months=24' },
  { path: '/offers/compare?type=mobile&data_gb=lots&months=12', status: 422 },
  { path: '/offers/M9900000001SVM10GB30000000' },
];
