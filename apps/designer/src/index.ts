import { fileURLToPath } from "node:url";

/**
 * Absolute path of the designer's built web app (index.html and assets/), for a server to serve
 * statically at `/`. It exists once `npm run build` has run in apps/designer.
 *
 * @example app.use(express.static(designerDist))
 */
export const designerDist: string = fileURLToPath(new URL("../dist/web", import.meta.url));
