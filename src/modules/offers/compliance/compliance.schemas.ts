import { Type } from '@sinclair/typebox';

/** Query of the staff pages. */
export const StaffPageQuery = Type.Object({ lang: Type.Optional(Type.String()) });
