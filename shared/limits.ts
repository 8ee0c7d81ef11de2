/** Sizes and bounds shared by the forms in the browser and the API's validation. */
export const LIMITS = {
  usernameMin: 2,
  usernameMax: 64,
  displayNameMax: 100,
  passwordMin: 8,
  passwordMax: 256,
  teamNameMax: 100,
  queueCodeMax: 64,
  queueNameMax: 100,
  tokenNameMax: 100,
  pageSizeDefault: 50,
  pageSizeMax: 1000,
  /** Largest JSON body the API reads; bigger bodies answer 413. */
  jsonBodyBytes: 1024 * 1024,
  /** Largest CSV upload for the user import. */
  userImportBytes: 5 * 1024 * 1024,
  /** Largest roster CSV (agent,date[,shift]): a month of a 10,000-CSR center is about 9 MB. */
  rosterImportBytes: 20 * 1024 * 1024,
} as const;

/** Usernames: letters, digits and . _ - (no spaces), compared case-insensitively. */
export const USERNAME_PATTERN = /^[A-Za-z0-9._-]+$/;
