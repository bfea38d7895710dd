package dev.arca.rvps.grpc;

import dev.arca.model.admin.AdminIdentity;
import dev.arca.model.json.Json;
import dev.arca.model.rvps.ReferenceValue;
import dev.arca.model.rvps.RvpsMessage;
import dev.arca.rvps.InvalidRequestException;
import dev.arca.rvps.grpc.proto.ReferenceValueProviderServiceGrpc;
import dev.arca.rvps.grpc.proto.ReferenceValueQueryRequest;
import dev.arca.rvps.grpc.proto.ReferenceValueQueryResponse;
import dev.arca.rvps.grpc.proto.ReferenceValueRegisterRequest;
import dev.arca.rvps.grpc.proto.ReferenceValueRegisterResponse;
import dev.arca.rvps.referencevalue.ReferenceValueService;
import dev.arca.rvps.security.GrpcCallers;
import dev.arca.service.problem.BodyErrors;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code reference.ReferenceValueProviderService} (Trustee protos/reference.proto) on the same core as the REST API:
 * RegisterReferenceValue takes the RVPS message JSON text; QueryReferenceValue answers the value's JSON text, or no
 * field when there is no unexpired value. Who may call either is {@link GrpcCallers}'s decision.
 */
class ReferenceValueGrpcService extends ReferenceValueProviderServiceGrpc.ReferenceValueProviderServiceImplBase {

    private static final Logger log = LoggerFactory.getLogger(ReferenceValueGrpcService.class);

    private final ReferenceValueService service;
    private final GrpcCallers callers;

    ReferenceValueGrpcService(ReferenceValueService service, GrpcCallers callers) {
        this.service = service;
        this.callers = callers;
    }

    @Override
    public void registerReferenceValue(ReferenceValueRegisterRequest request,
                                       StreamObserver<ReferenceValueRegisterResponse> response) {
        try {
            AdminIdentity admin = callers.registrar(CallerAuthorization.current());
            RvpsMessage message = message(request.getMessage());
            List<String> names = service.register(message);
            log.info("{} (role {}) registered {} reference value(s) of type {} over gRPC: {}",
                    admin.subject(), admin.role(), names.size(), message.type(), names);
            response.onNext(ReferenceValueRegisterResponse.getDefaultInstance());
            response.onCompleted();
        } catch (RuntimeException e) {
            response.onError(GrpcErrors.toStatus(e));
        }
    }

    @Override
    public void queryReferenceValue(ReferenceValueQueryRequest request,
                                    StreamObserver<ReferenceValueQueryResponse> response) {
        try {
            callers.reader(CallerAuthorization.current());
            Optional<ReferenceValue> value = service.find(request.getReferenceValueId());
            ReferenceValueQueryResponse.Builder answer = ReferenceValueQueryResponse.newBuilder();
            value.ifPresent(found -> answer.setReferenceValueResults(Json.write(found.value())));
            response.onNext(answer.build());
            response.onCompleted();
        } catch (RuntimeException e) {
            response.onError(GrpcErrors.toStatus(e));
        }
    }

    /** The message is JSON text; its shape is checked as the REST body's is. */
    private static RvpsMessage message(String text) {
        JsonNode json;
        try {
            json = Json.tree(text);
        } catch (JacksonException e) {
            throw new InvalidRequestException("message is not valid JSON: " + BodyErrors.describe(e));
        }
        if (json == null || !json.isObject()) {
            throw new InvalidRequestException("message must be a JSON object {version?, type, payload}");
        }
        for (String member : List.of("version", "type", "payload")) {
            JsonNode value = json.get(member);
            if (value != null && !value.isNull() && !value.isString()) {
                throw new InvalidRequestException("message member " + member + " must be a string");
            }
        }
        return new RvpsMessage(text(json, "version"), text(json, "type"), text(json, "payload"));
    }

    private static String text(JsonNode json, String member) {
        JsonNode value = json.get(member);
        return value == null || value.isNull() ? null : value.stringValue();
    }
}
