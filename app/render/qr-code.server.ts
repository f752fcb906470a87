import qrcode from "qrcode-generator";

/** A QR code of `text` as a GIF data address, for an <img> with an alt text (the text is shown beside it too). */
export function qrCodeDataUrl(text: string): string {
  const code = qrcode(0, "M");
  code.addData(text);
  code.make();
  return code.createDataURL(4, 4);
}
