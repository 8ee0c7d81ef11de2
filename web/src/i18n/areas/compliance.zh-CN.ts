/** Chinese texts of the compliance area. */
export const complianceZhCN = {
  compliance: {},
};
