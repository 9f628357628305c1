import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The web app builds into dist/web; tsc puts the Node entry (designerDist) beside it in dist/.
export default defineConfig({
  plugins: [react()],
  base: "./",
  resolve: { conditions: ["@stepflow/source"] },
  build: { outDir: "dist/web", emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  worker: { format: "es" },
});
