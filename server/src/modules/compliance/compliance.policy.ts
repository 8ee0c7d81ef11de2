/** Rules of The compliance board, the monthly targeted-plan proposal and its comparison (4.3, 4.5). (registered with `allow` from the policy engine). */
export {};
