# SPBE Gate: the engine and the command line.
#   docker build -t spbe-gate .
#   docker run --rm -v "$PWD:/src" spbe-gate check /src/openapi.yaml
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY gate ./gate
COPY rules ./rules
COPY reports ./reports
RUN pip install . && useradd --system --uid 10001 gate
USER gate
ENTRYPOINT ["spbe-gate"]
CMD ["--help"]
