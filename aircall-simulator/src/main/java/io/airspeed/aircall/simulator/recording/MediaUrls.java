package io.airspeed.aircall.simulator.recording;

/** Builds the simulator-served, pre-signed media URLs that stand in for Aircall's S3 links. */
public final class MediaUrls {

    private final RecordingSigner signer;

    public MediaUrls(RecordingSigner signer) {
        this.signer = signer;
    }

    public String url(String baseUrl, MediaKind kind, long callId, long expiresEpochSecond) {
        return baseUrl + '/' + kind.pathSegment() + '/' + callId + ".mp3?expires=" + expiresEpochSecond
                + "&sig=" + signer.sign(kind, callId, expiresEpochSecond);
    }

    public RecordingSigner signer() {
        return signer;
    }
}
