/** Rules of The inspectors' work queue: assignments from the sampling run. (registered with `allow` from the policy engine). */
export {};
