/** How many letters a word may lose in the deletion index: none for short words, two for long ones. */
export function deletionDepth(length: number): number {
  if (length <= 3) return 0;
  if (length <= 7) return 1;
  return 2;
}

/** The word and every form of it with up to `deletionDepth` letters deleted. */
export function deletionNeighbourhood(word: string): string[] {
  const depth = deletionDepth(word.length);
  const out = new Set<string>([word]);
  let frontier = [word];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const k = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(k)) {
          out.add(k);
          next.push(k);
        }
      }
    }
    frontier = next;
  }
  return [...out];
}

export function skeletonKey(skeleton: string): string {
  return `#${skeleton}`;
}

/** Listed words this short (or particles) are also indexed joined to their neighbour: ABDUL RAHMAN → ABDULRAHMAN. */
export function joinsWithNeighbour(word: string): boolean {
  return word.length <= 5;
}
