/** Chinese texts of the sampling area. */
export const samplingZhCN = {
  sampling: {},
};
