/** The series colours of every chart, on screen and in the PDF (each ≥ 4.5:1 on white). */
export const CHART_COLORS = {
  previous: "#5f6b76",
  current: "#0b4f6c",
  likely: "#1d6b36",
  potential: "#b34700",
  planned: "#4a5560",
  done: "#1d6b36",
} as const;
