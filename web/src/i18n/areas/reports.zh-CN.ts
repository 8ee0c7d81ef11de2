/** Chinese texts of the reports area. */
export const reportsZhCN = {
  reports: {},
};
