/** Rules of Reports: daily bulletin, 10-day and monthly reports, KPI export, QA monthly summary, my quality. (registered with `allow` from the policy engine). */
export {};
