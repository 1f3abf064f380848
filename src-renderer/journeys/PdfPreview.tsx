import {
  GlobalWorkerOptions,
  getDocument,
  type PDFDocumentProxy,
  type RenderTask,
} from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState } from 'react';

GlobalWorkerOptions.workerSrc = workerUrl;

/** Width in CSS pixels that a page is drawn at. */
const pageWidth = 640;

type PageState =
  | { status: 'rendering' }
  | { status: 'ready'; hasText: boolean }
  | { status: 'failed'; message: string };

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function loadFailure(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException') {
    return 'The PDF is protected by a password, so it cannot be previewed. Ask the client for an unprotected copy.';
  }
  return 'The PDF cannot be read; the file may be damaged or not a PDF. Ask the client to export it again and upload the new file.';
}

/**
 * Draws a PDF page by page on a canvas with pdf.js. Eval stays off and the
 * WebAssembly decoders are not used, because the window's Content Security
 * Policy allows neither.
 */
export function PdfPreview({ name, base64 }: { name: string; base64: string }) {
  const [pdf, setPdf] = useState<PDFDocumentProxy>();
  const [loadError, setLoadError] = useState<string>();
  const [pageNumber, setPageNumber] = useState(1);

  useEffect(() => {
    setPdf(undefined);
    setLoadError(undefined);
    setPageNumber(1);
    const task = getDocument({
      data: base64ToBytes(base64),
      isEvalSupported: false,
      useWasm: false,
    });
    task.promise.then(setPdf, (error: unknown) =>
      setLoadError(loadFailure(error)),
    );
    return () => {
      void task.destroy();
    };
  }, [base64]);

  if (loadError) {
    return (
      <p className="notice danger" role="alert">
        {loadError}
      </p>
    );
  }
  if (!pdf) {
    return (
      <p className="loading" role="status">
        <span className="spinner" /> Opening {name}…
      </p>
    );
  }
  return (
    <div className="pdf-preview">
      <div className="pdf-toolbar" role="toolbar" aria-label="Pages">
        <button
          type="button"
          className="small"
          disabled={pageNumber <= 1}
          onClick={() => setPageNumber((page) => page - 1)}
        >
          Previous page
        </button>
        <span aria-live="polite">
          Page {pageNumber} of {pdf.numPages}
        </span>
        <button
          type="button"
          className="small"
          disabled={pageNumber >= pdf.numPages}
          onClick={() => setPageNumber((page) => page + 1)}
        >
          Next page
        </button>
      </div>
      <PdfPage pdf={pdf} pageNumber={pageNumber} name={name} />
    </div>
  );
}

type PageProps = { pdf: PDFDocumentProxy; pageNumber: number; name: string };

function PdfPage({ pdf, pageNumber, name }: PageProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<PageState>({ status: 'rendering' });

  useEffect(() => {
    let task: RenderTask | undefined;
    let current = true;
    setState({ status: 'rendering' });
    const draw = async () => {
      const page = await pdf.getPage(pageNumber);
      const element = canvas.current;
      if (!current || !element) return;
      const base = page.getViewport({ scale: 1 });
      const ratio = window.devicePixelRatio || 1;
      const viewport = page.getViewport({
        scale: (pageWidth / base.width) * ratio,
      });
      element.width = Math.floor(viewport.width);
      element.height = Math.floor(viewport.height);
      element.style.width = `${pageWidth}px`;
      element.style.height = `${Math.floor(viewport.height / ratio)}px`;
      task = page.render({ canvas: element, viewport });
      await task.promise;
      const text = await page.getTextContent();
      if (current)
        setState({ status: 'ready', hasText: text.items.length > 0 });
    };
    draw().catch((error: unknown) => {
      if (
        !current ||
        (error instanceof Error && error.name === 'RenderingCancelledException')
      )
        return;
      setState({
        status: 'failed',
        message: `Page ${pageNumber} cannot be drawn; the file may be damaged. Download it and open it in a PDF reader instead.`,
      });
    });
    return () => {
      current = false;
      task?.cancel();
    };
  }, [pdf, pageNumber]);

  return (
    <figure className="pdf-page">
      {state.status === 'ready' && !state.hasText && (
        <p className="notice info">
          This page has no text layer, so it is probably a scanned image. Check
          that it is legible; its text cannot be searched or copied.
        </p>
      )}
      {state.status === 'failed' && (
        <p className="notice danger" role="alert">
          {state.message}
        </p>
      )}
      <canvas
        ref={canvas}
        role="img"
        aria-label={`${name}, page ${pageNumber}`}
        data-state={state.status}
      />
      {state.status === 'rendering' && (
        <figcaption className="loading" role="status">
          <span className="spinner" /> Drawing page {pageNumber}…
        </figcaption>
      )}
    </figure>
  );
}
