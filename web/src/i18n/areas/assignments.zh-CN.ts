/** Chinese texts of the assignments area. */
export const assignmentsZhCN = {
  assignments: {},
};
