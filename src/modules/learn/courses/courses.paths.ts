/** The paths of the courses, served by their routes and linked by their views. */
export const COURSE_PATHS = {
  list: '/learn/courses',
  course: (course: string) => `/learn/courses/${course}`,
  lesson: (course: string, lesson: string) => `/learn/courses/${course}/${lesson}`,
  quiz: (course: string) => `/learn/courses/${course}/quiz`,
  certificate: (course: string) => `/learn/courses/${course}/certificate`,
  badge: (course: string) => `/learn/courses/${course}/badge`,
  /** The certificate's screen and print style, served from the module's assets. */
  printCss: '/assets/learn/courses.css',
  staffList: '/staff/learn/courses',
  staffCourse: (id: string) => `/staff/learn/courses/${id}`,
  staffImport: (id: string) => `/staff/learn/courses/${id}/quiz`,
  staffExport: (id: string, language: string) => `/staff/learn/courses/${id}/quiz/${language}.gift`,
  staffPreview: (id: string, language: string) => `/staff/learn/courses/${id}/quiz/${language}`,
  staffMinutes: (id: string) => `/staff/learn/courses/${id}/minutes`,
} as const;
