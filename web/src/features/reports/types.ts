/** The report shapes of the shared contract (shared/schemas/reports.ts), under the names the pages use. */
import type {
  TAgentStats,
  TChange,
  TDailyBulletin,
  TFailedItem,
  TInspectorRow,
  TKpiReport,
  TKpiRow,
  TMyQuality,
  TPeriodReport,
  TQaSummary,
  TQaSummaryText,
  TReportCategory,
  TStats,
  TTeamStats,
  TBulletinRow,
} from '../../../../shared/schemas/reports.ts';

export type Stats = TStats;
export type Change = TChange;
export type ReportCategory = TReportCategory;
export type AgentStats = TAgentStats;
export type TeamStats = TTeamStats;
export type FailedItem = TFailedItem;
export type InspectorWork = TInspectorRow;
export type PeriodReport = TPeriodReport;
export type DistributionBucket = PeriodReport['distribution'][number]['bucket'];
export type DailyBulletin = TDailyBulletin;
export type DailyTeam = DailyBulletin['teams'][number];
export type DailyRow = TBulletinRow;
export type KpiRow = TKpiRow;
export type KpiReport = TKpiReport;
export type QaSummary = TQaSummary;
export type QaSummaryText = TQaSummaryText;
export type MyQuality = TMyQuality;
