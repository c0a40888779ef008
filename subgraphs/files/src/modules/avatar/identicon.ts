import { createHash } from 'node:crypto';

/**
 * A 5x5 mirrored identicon (GitHub style) as SVG, from the user id alone: the same id always draws the same
 * picture, so every user has an avatar before they upload one.
 */
export function identicon(seed: string): string {
  const hash = createHash('sha256').update(`identicon:${seed}`).digest();
  const hue = hash.readUInt16BE(0) % 360;
  const color = `hsl(${hue}, ${50 + (hash[2] % 20)}%, ${40 + (hash[3] % 15)}%)`;
  const cells: string[] = [];
  for (let row = 0; row < 5; row++) {
    for (let col = 0; col < 3; col++) {
      if ((hash[4 + row * 3 + col] & 1) === 0) continue;
      cells.push(`M${col} ${row}h1v1h-1z`);
      if (col < 2) cells.push(`M${4 - col} ${row}h1v1h-1z`);
    }
  }
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="-0.5 -0.5 6 6" width="120" height="120" shape-rendering="crispEdges">',
    '<rect x="-0.5" y="-0.5" width="6" height="6" fill="#f2f2f2"/>',
    `<path fill="${color}" d="${cells.join('')}"/>`,
    '</svg>',
  ].join('');
}
