/** English texts of the reports area. */
export const reportsEn = {
  reports: {},
};
