/** The paths of workshops, served by its routes and linked by its views. */
export const WORKSHOP_PATHS = {
  list: '/learn/workshops',
  event: '/learn/workshops/:id',
  register: '/learn/workshops/:id/register',
  feed: '/learn/workshops/feed.ics',
  registration: '/learn/workshops/registration/:token',
  cancel: '/learn/workshops/registration/:token/cancel',
  feedback: '/learn/workshops/registration/:token/feedback',
  staffList: '/staff/learn/workshops',
  staffNew: '/staff/learn/workshops/new',
  staffEvent: '/staff/learn/workshops/:id',
  staffPublish: '/staff/learn/workshops/:id/publish',
  staffCancel: '/staff/learn/workshops/:id/cancel',
  staffRegistrations: '/staff/learn/workshops/:id/registrations',
  staffAttendance: '/staff/learn/workshops/:id/attendance',
  staffExport: '/staff/learn/workshops/:id/registrations.csv',
  staffFeedback: '/staff/learn/workshops/:id/feedback',
} as const;

/** A path with its `:id` or `:token` filled in. */
export function workshopPath(path: string, value: string): string {
  return path.replace(/:id|:token/, encodeURIComponent(value));
}
