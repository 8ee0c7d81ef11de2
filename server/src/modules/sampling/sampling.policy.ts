/** Rules of Sampling plans, the roster (shifts) and the daily sampling run (clauses 3, 4.3, 4.5). (registered with `allow` from the policy engine). */
export {};
