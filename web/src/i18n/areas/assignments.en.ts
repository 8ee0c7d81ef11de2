/** English texts of the assignments area. */
export const assignmentsEn = {
  assignments: {},
};
