// The SSR build's entry, compiled with the app into build/server/index.js: server.js runs
// runServer(); the benchmarks that serve a build themselves (bench/compare-builds.js) use the rest.
export { requestListener, startApp } from "./app";
export { runServer } from "./main";
