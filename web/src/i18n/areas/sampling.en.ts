/** English texts of the sampling area. */
export const samplingEn = {
  sampling: {},
};
