/** impact × urgency → priority; keys "impact-urgency", 1 = high. */
export type PriorityMatrix = Record<string, number>;

export const defaultPriorityMatrix: PriorityMatrix = {
  '1-1': 1,
  '1-2': 2,
  '1-3': 3,
  '2-1': 2,
  '2-2': 3,
  '2-3': 4,
  '3-1': 3,
  '3-2': 4,
  '3-3': 5,
};

export function priorityOf(matrix: PriorityMatrix, impact: number, urgency: number): number {
  return matrix[`${impact}-${urgency}`] ?? defaultPriorityMatrix[`${impact}-${urgency}`] ?? 3;
}

/** A matrix must give a priority for each of the nine cells. */
export function missingCells(matrix: PriorityMatrix): string[] {
  return Object.keys(defaultPriorityMatrix).filter((k) => !(k in matrix));
}
