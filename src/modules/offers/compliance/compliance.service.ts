import type { Actor, AuditLog } from '../../../platform/audit/index.ts';
import type { OfferRepository } from '../catalogue/offer.repository.ts';
import type { OffersOnDate } from '../catalogue/offer.service.ts';
import type { OfferSettings } from '../offers.settings.ts';
import { checkCompliance, type OperatorCompliance } from './compliance.ts';
import type { ComplianceSettings } from './compliance.settings.ts';

/** What the compliance service needs. */
export interface ComplianceDeps {
  offers: OfferRepository;
  audit: AuditLog;
  settings: OfferSettings;
  compliance: ComplianceSettings;
  /** The offers in effect today, from the offers service's cache. */
  currentOffers: () => Promise<OffersOnDate>;
}

/** The compliance view of every operator, today. */
export interface ComplianceReport {
  onDate: string;
  freshnessDays: number;
  mandatoryFields: readonly string[];
  operators: OperatorCompliance[];
  /** Licensed operators with no current (fresh) offer at all. */
  operatorsWithoutCurrentOffers: { id: string; name: string }[];
}

/** The compliance view of operators' offers in effect today. */
export function createComplianceService(deps: ComplianceDeps) {
  const { offers: repository, audit, settings, compliance: complianceSettings } = deps;
  const offersNow = deps.currentOffers;
  return {
    /** The compliance of every operator's offers in effect today; the look-up is audited. */
    async compliance(actor: Actor): Promise<ComplianceReport> {
      const current = await offersNow();
      const operators = checkCompliance(current.offers, current.operators, complianceSettings);
      await repository.inTransaction((_tx, trx) =>
        audit.record(trx, {
          actor,
          action: 'offers.compliance.viewed',
          entityType: 'offer_compliance',
          details: { operators: operators.length, findings: operators.reduce((n, o) => n + o.findings.length + (o.operatorFinding ? 1 : 0), 0) },
        }),
      );
      return {
        onDate: current.onDate,
        freshnessDays: settings.freshnessDays,
        mandatoryFields: complianceSettings.mandatoryFields,
        operators,
        operatorsWithoutCurrentOffers: operators.filter((o) => o.currentOffers === 0).map((o) => ({ id: o.operatorId, name: o.operatorName })),
      };
    },
  };
}

/** The compliance service. */
export type ComplianceService = ReturnType<typeof createComplianceService>;
