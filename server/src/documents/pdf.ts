import { createRequire } from 'node:module';
import path from 'node:path';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

const require = createRequire(import.meta.url);
const fontDir = path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
/** Noto Sans SC from an npm package, so PDFs show Chinese without any system font. */
const FONT_FILES = {
  normal: path.join(fontDir, '400Regular', 'NotoSansSC_400Regular.ttf'),
  bold: path.join(fontDir, '700Bold', 'NotoSansSC_700Bold.ttf'),
};

let configured = false;
function configure(): void {
  if (configured) return;
  pdfmake.setFonts({
    NotoSansSC: {
      normal: FONT_FILES.normal,
      bold: FONT_FILES.bold,
      italics: FONT_FILES.normal,
      bolditalics: FONT_FILES.bold,
    },
  });
  // Documents are built from our own data: no remote fetches, and only the font files on disk.
  pdfmake.setUrlAccessPolicy(() => false);
  const allowed = new Set(Object.values(FONT_FILES));
  pdfmake.setLocalAccessPolicy((file) => allowed.has(path.resolve(file)));
  configured = true;
}

/** Renders a pdfmake document definition to a PDF buffer, in Noto Sans SC by default. */
export async function renderPdf(definition: TDocumentDefinitions): Promise<Buffer> {
  configure();
  const doc = pdfmake.createPdf({
    ...definition,
    defaultStyle: { font: 'NotoSansSC', fontSize: 9, ...definition.defaultStyle },
  });
  return await doc.getBuffer();
}
