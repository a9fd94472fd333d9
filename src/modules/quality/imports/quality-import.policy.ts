import type { Permission } from '../../../platform/auth/index.ts';
import { AppError, type FieldProblem } from '../../../platform/http/errors.ts';
import { qualityMessage } from './quality-messages.ts';

/** The token permission of measurement imports by machines (drive tests, crowdsourcing apps). */
export const IMPORT_PERMISSION: Permission = 'quality:write';

/**
 * The answer to a file holding rows an operator's token may not write (another operator's, or
 * an operator's rows that name none): 403, each such line named, and nothing imported.
 */
export function otherOperatorRows(code: string, operatorId: string, problems: FieldProblem[], total = problems.length): AppError {
  return new AppError(code, 403, 'error.forbidden', qualityMessage('quality.file.otherOperatorRows', { operator: operatorId, count: total }), problems);
}
