# SPBE Gate: the engine, the command line, the service and its Celery workers.
#   docker build -t spbe-gate .
#   docker run --rm -v "$PWD:/src" spbe-gate check /src/openapi.yaml
#   docker run -p 8000:8000 -e GATE_DATABASE_URL=... spbe-gate serve --host 0.0.0.0
#   docker run -e GATE_JOBS=celery -e GATE_BROKER_URL=redis://... -e GATE_DATABASE_URL=... spbe-gate worker
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
# Pango and a font for WeasyPrint (letters and reports as PDF).
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml README.md ./
COPY gate ./gate
COPY rules ./rules
COPY reports ./reports
RUN pip install ".[celery]" && useradd --system --uid 10001 gate
USER gate
ENTRYPOINT ["spbe-gate"]
CMD ["--help"]
