import { IsODataType } from '../../../graph/validation/odata-type.decorator.js';
import { BAD_REQUEST_CONTEXT } from '../../authentication.errors.js';
import { IsGraphPhoneNumber, IsPhoneType, IsReadOnlyProperty } from './method-validation.decorators.js';

const ODATA_TYPE = '#microsoft.graph.phoneAuthenticationMethod';
const SMS_STATE = 'Computed by the service (SMS sign-in applies to the mobile phone only); never sent by clients.';

/** `POST {u}/authentication/phoneMethods` */
export class CreatePhoneMethodDto {
  @IsODataType(ODATA_TYPE, BAD_REQUEST_CONTEXT)
  '@odata.type'?: string;

  @IsGraphPhoneNumber({ required: true })
  phoneNumber: string;

  @IsPhoneType({ required: true })
  phoneType: 'mobile' | 'alternateMobile' | 'office';

  @IsReadOnlyProperty(SMS_STATE)
  smsSignInState?: unknown;
}

/** `PATCH {u}/authentication/phoneMethods/{id}` */
export class UpdatePhoneMethodDto {
  @IsODataType(ODATA_TYPE, BAD_REQUEST_CONTEXT)
  '@odata.type'?: string;

  @IsGraphPhoneNumber({ required: false })
  phoneNumber?: string;

  @IsPhoneType({ required: false })
  phoneType?: 'mobile' | 'alternateMobile' | 'office';

  @IsReadOnlyProperty(SMS_STATE)
  smsSignInState?: unknown;
}
