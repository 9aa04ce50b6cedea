# Hardening suite (tests/hardening is owned by the hardening work; benchmarks live in bench/).
