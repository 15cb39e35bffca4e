// Cross-platform `rm -rf dist` so the build needs no shell tools.
require('fs').rmSync(require('path').join(__dirname, '..', 'dist'), { recursive: true, force: true });
