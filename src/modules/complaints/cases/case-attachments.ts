import { createHash } from 'node:crypto';
import type { Actor, AuditEntry } from '../../../platform/audit/index.ts';
import { type Transaction } from '../../../platform/db/index.ts';
import { Invalid, NotFound } from '../../../platform/http/errors.ts';
import { sniffMediaType } from '../../../platform/http/file-signature.ts';
import { complaintProblem, refusal } from './complaint-messages.ts';
import type { CaseRow, ComplaintRepository } from './complaint.repository.ts';
import { safeFileName, typeChoice } from './complaint-file-name.ts';
import type { ComplaintServiceDeps } from './case-workflow.ts';
import type { FilingAttachment } from './complaint.types.ts';

/** What attachments need besides the service's own dependencies: sealing, reading and auditing a read. */
export interface CaseAttachmentsDeps extends Pick<ComplaintServiceDeps, 'repository' | 'keyring' | 'ids' | 'audit' | 'settings'> {
  enc(value: string, context: string): string;
  decText(sealed: string, context: string): string;
  auditRead(entry: AuditEntry): Promise<void>;
}

/** Builds the attachments of cases: stored encrypted under the type their bytes show, and read back audited. */
export function createCaseAttachments(deps: CaseAttachmentsDeps) {
  const { repository, keyring, ids, audit, settings, enc, decText, auditRead } = deps;

  /**
   * Stores an attachment of a case, encrypted, and audits it; returns its id. The stored type and
   * the name's extension come from the file's first bytes, whatever the uploader called it.
   */
  async function insertAttachment(
    repo: ComplaintRepository,
    tx: Transaction,
    caseId: string,
    file: FilingAttachment,
    actor: Actor,
    at: string,
  ): Promise<string> {
    const sniffed = sniffMediaType(file.content);
    if (sniffed === null || !settings.attachments.types.includes(sniffed))
      throw new Invalid(
        [complaintProblem('file', 'fileType', { types: typeChoice(settings.attachments.types) })],
        'COMPLAINT_ATTACHMENT_INVALID',
        refusal('attachmentInvalid'),
      );
    const id = ids();
    await repo.insertAttachment({
      id,
      case_id: caseId,
      file_name_enc: enc(safeFileName(file.fileName, sniffed), 'attachment_name'),
      media_type: sniffed,
      size_bytes: file.content.length,
      sha256: createHash('sha256').update(file.content).digest('hex'),
      content_enc: keyring.encrypt(file.content.toString('base64'), 'complaints.attachment'),
      actor_type: actor.type,
      actor_id: actor.id,
      created_at: at,
    });
    await audit.record(tx, {
      actor,
      action: 'complaints.attachment.added',
      entityType: 'complaint_case',
      entityId: caseId,
      details: { attachmentId: id, sizeBytes: file.content.length, mediaType: sniffed },
    });
    return id;
  }

  async function readAttachmentOf(c: CaseRow, attachmentId: string, actor: Actor) {
    const found = await repository.findAttachment(c.id, attachmentId);
    if (!found) throw new NotFound('COMPLAINT_ATTACHMENT_NOT_FOUND', refusal('attachmentNotFound'));
    await auditRead({ actor, action: 'complaints.attachment.read', entityType: 'complaint_case', entityId: c.id, details: { attachmentId } });
    const content = Buffer.from(keyring.decrypt(found.content_enc, 'complaints.attachment'), 'base64');
    // Served as what its bytes are, under a name that says so; unknown bytes only as a download of unknown type.
    const sniffed = sniffMediaType(content);
    return {
      fileName: sniffed ? safeFileName(decText(found.file_name_enc, 'attachment_name'), sniffed) : 'attachment',
      mediaType: sniffed ?? 'application/octet-stream',
      content,
    };
  }

  return { insertAttachment, readAttachmentOf };
}
