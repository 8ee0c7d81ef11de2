/** English texts of the compliance area. */
export const complianceEn = {
  compliance: {},
};
