import type { Actor, AuditLog } from '../../../platform/audit/index.ts';
import { Invalid, type FieldProblem } from '../../../platform/http/errors.ts';
import type { FileProblem } from './file-messages.ts';
import { FileForbidden, FileRejected } from './versioned-import.ts';
import type { OfferRepository } from './offer.repository.ts';
import type { ImportReport, OfferService } from './offer.service.ts';

/** A file sent through the upload form. */
export interface PortalUpload {
  actor: Actor;
  operatorId: string;
  /** True for an operator agent, who uploads for their own operator only (rows of another are forbidden). */
  isOperatorBound: boolean;
  text: string;
  format: 'csv' | 'json';
  isLenient: boolean;
}

/** What the form shows: the import report, or every problem of a rejected file (with its message key when the importer gave one). */
export type PortalUploadOutcome = { ok: true; report: ImportReport } | { ok: false; status: 403 | 422; problems: readonly (FieldProblem | FileProblem)[] };

/** The choice of format from the file's name and type, then its first character. */
export function uploadFormatOf(filename: string, contentType: string, text: string): 'csv' | 'json' {
  if (/\.json$/i.test(filename) || contentType.includes('json')) return 'json';
  if (/\.csv$/i.test(filename) || contentType.includes('csv')) return 'csv';
  return /^\uFEFF?\s*[[{]/.test(text) ? 'json' : 'csv';
}

/** Imports an offer file sent through the operator portal form; rejections are audited too. */
export function createOfferUploadService(deps: { offers: OfferService; repository: OfferRepository; audit: AuditLog }) {
  const { offers, repository, audit } = deps;
  return {
    /**
     * Imports the file all or nothing (the import audits an accepted file, and a refused one with
     * rows of another operator); a rejected one is recorded with its problem count.
     */
    async uploadOfferFile(upload: PortalUpload): Promise<PortalUploadOutcome> {
      try {
        const report = await offers.importOffers({
          text: upload.text,
          format: upload.format,
          operatorId: upload.operatorId,
          isOperatorBound: upload.isOperatorBound,
          isLenient: upload.isLenient,
          source: 'portal',
          actor: upload.actor,
        });
        return { ok: true, report };
      } catch (error) {
        // The import audited the refusal already.
        if (error instanceof FileForbidden) return { ok: false, status: 403, problems: error.fileProblems };
        if (!(error instanceof Invalid)) throw error;
        await repository.inTransaction((_tx, trx) =>
          audit.record(trx, {
            actor: upload.actor,
            action: 'offers.upload_rejected',
            entityType: 'operator',
            entityId: upload.operatorId,
            details: { format: upload.format, problems: error.problems.length, isLenient: upload.isLenient },
          }),
        );
        return { ok: false, status: 422, problems: error instanceof FileRejected ? error.fileProblems : error.problems };
      }
    },
  };
}

/** The upload service. */
export type OfferUploadService = ReturnType<typeof createOfferUploadService>;
