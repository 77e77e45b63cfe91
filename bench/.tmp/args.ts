console.log(process.argv.slice(2), Object.entries(process.env).filter(([k]) => /^npm_config_(scale|db|seconds|reads|explain|pg)$/.test(k)));
