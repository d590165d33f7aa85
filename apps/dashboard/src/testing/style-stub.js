// What a spec gets for `import './x.css'` (jest.config.js `moduleNameMapper`): Vite bundles the stylesheets.
module.exports = {};
