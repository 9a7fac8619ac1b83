import type { RiskConfig } from '../config/schema.js';
import type { ApprovalStatus, Provenance, RiskReport, Severity, Verdict } from '../shared/types.js';

/** The policy's verdict on the change, and what it takes to get past it. */
export interface PolicyCheck {
  verdict: Verdict;
  decidedBy: string;
  /** Where the policy was read from (config file, or built-in defaults). */
  policy: { config: string | null; origin: RiskReport['policy']['origin'] };
  rulesFired: { rule: string; severity: Severity; message: string; actual: number; limit: number | null; needsSignOff: boolean }[];
  provenance: { state: Provenance; evidence: string };
  signOff: {
    isRequired: boolean;
    requiredBy: string[];
    /** Who may give it: the policy's approvers. Empty when the policy names none (then a reviewer must read it). */
    approvers: string[];
    approvedBy: string[];
    approvals: { tag: string; status: ApprovalStatus; approver: string | null; reason: string }[];
    /** What to do next, in words. */
    howTo: string;
  };
  /** Code owners of the changed and affected files: the reviewers to ask. */
  owners: string[];
}

/** Shapes the policy part of a report, with the approvers from the config that judged it. */
export function checkPolicy(report: RiskReport, config: RiskConfig): PolicyCheck {
  const approvers = config.approvers.map((approver) => approver.name);
  const isRequired = report.signOff.requiredBy.length > 0;
  const provenanceSignal = report.signals.find((signal) => signal.name === 'provenance');
  return {
    verdict: report.verdict,
    decidedBy: report.decidedBy,
    policy: { config: report.config, origin: report.policy.origin },
    rulesFired: report.violations.map(({ rule, severity, message, actual, limit, needsSignOff }) => ({ rule, severity, message, actual, limit, needsSignOff })),
    provenance: { state: report.provenance.state, evidence: provenanceSignal?.explanation ?? '' },
    signOff: {
      isRequired,
      requiredBy: report.signOff.requiredBy,
      approvers,
      approvedBy: report.signOff.approvedBy,
      approvals: report.signOff.approvals.map(({ tag, status, approver, reason }) => ({ tag, status, approver, reason })),
      howTo: describeSignOff(isRequired, approvers, report),
    },
    owners: report.owners.reviews.map((review) => review.owner),
  };
}

function describeSignOff(isRequired: boolean, approvers: string[], report: RiskReport): string {
  if (!isRequired) return 'no sign-off needed';
  if (report.signOff.approvedBy.length > 0) return `signed off by ${report.signOff.approvedBy.join(', ')}`;
  if (approvers.length === 0) return 'the policy lists no approvers, so nobody can sign this off: ask a reviewer to read it, or narrow the change';
  const commit = report.head.sha === null ? 'the commit, once made,' : report.head.sha.slice(0, 12);
  return `stop and ask one of ${approvers.join(', ')} to review; they approve ${commit} with \`risk approve\` (a signed tag the author cannot make)`;
}
