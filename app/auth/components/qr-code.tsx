interface QrCodeProps {
  /** The QR code's modules, row by row (true = dark), as `qrcode`'s create() gives them. */
  modules: boolean[][];
  label: string;
}

/**
 * A QR code drawn as SVG on the server: one path of unit squares, black on a white quiet zone
 * in both colour schemes (scanners need the contrast), no script, no inline HTML.
 */
export function QrCode({ modules, label }: QrCodeProps) {
  const size = modules.length;
  const quiet = 4;
  const path = modules
    .flatMap((row, y) => row.map((dark, x) => (dark ? `M${x + quiet} ${y + quiet}h1v1h-1z` : "")))
    .join("");
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size + quiet * 2} ${size + quiet * 2}`}
      className="size-48 rounded-md bg-white sm:size-56"
      shapeRendering="crispEdges"
    >
      <rect width="100%" height="100%" fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
